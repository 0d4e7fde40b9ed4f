/**
 * What professional Medicaid claims most often carry, to make the data look like claims rather
 * than a uniform sample of 70,000 codes. These are picks, not a code list: every entry is checked
 * against the shipped code sets at load time and dropped when it is not valid for the service
 * window, so nothing here can put an invalid code into a "valid" row.
 */

export type AgeGroup = 'child' | 'adult' | 'any';

/** Dotless ICD-10-CM with the patients it suits (child = under 18), so a toddler gets no COPD. */
export const COMMON_DIAGNOSES: ReadonlyArray<readonly [code: string, ages: AgeGroup]> = [
  ['Z00129', 'child'], ['Z00121', 'child'], ['Z0000', 'adult'], ['Z0001', 'adult'], ['Z23', 'any'], ['Z1331', 'any'],
  ['I10', 'adult'], ['E119', 'adult'], ['E1165', 'adult'], ['E785', 'adult'], ['E039', 'any'], ['E669', 'any'],
  ['E6601', 'any'], ['D649', 'any'], ['N189', 'adult'], ['I2510', 'adult'], ['I480', 'adult'], ['J449', 'adult'],
  ['J069', 'any'], ['J029', 'any'], ['J209', 'any'], ['J189', 'any'], ['J45909', 'any'], ['J329', 'any'],
  ['H6690', 'any'], ['B349', 'any'], ['R509', 'any'], ['F329', 'any'], ['F419', 'any'], ['F840', 'any'],
  ['F909', 'any'], ['F4310', 'any'], ['F1120', 'adult'], ['F1020', 'adult'], ['F17210', 'adult'],
  ['M5450', 'adult'], ['M25561', 'any'], ['M542', 'adult'], ['M79606', 'any'], ['G43909', 'any'], ['G4700', 'any'],
  ['R519', 'any'], ['R1084', 'any'], ['R42', 'any'], ['R0602', 'any'], ['N390', 'any'], ['K219', 'any'],
  ['K5900', 'any'], ['L309', 'any'], ['L0390', 'any'], ['S93401A', 'any'], ['S6990XA', 'any'], ['T7840XA', 'any'],
];

/** Place-of-service codes with relative weights: most professional services happen in an office. */
export const COMMON_PLACES_OF_SERVICE: ReadonlyArray<readonly [code: string, weight: number]> = [
  ['11', 50],
  ['22', 8],
  ['02', 6],
  ['23', 6],
  ['10', 5],
  ['12', 4],
  ['21', 4],
  ['20', 3],
  ['50', 3],
  ['03', 2],
  ['19', 2],
  ['31', 2],
  ['32', 1],
  ['49', 1],
  ['53', 1],
  ['71', 1],
  ['72', 1],
  ['81', 1],
];

/**
 * HCPCS Level II modifiers seen on Medicaid professional lines: laterality, telehealth, technical
 * component, CLIA-waived test, state-supplied vaccine, family planning, the state-defined U1–UD,
 * and program modifiers not tied to an age or sex (EP = EPSDT, HA/HB = child/adult programme,
 * HD and TH = pregnancy-related are left out for that reason).
 */
export const COMMON_MODIFIERS = [
  'LT', 'RT', 'GT', 'GQ', 'KX', 'TC', 'QW', 'SA', 'SL', 'FP',
  'U1', 'U2', 'U3', 'U4', 'U5', 'UA', 'UB', 'UC', 'UD', 'HE', 'HF', 'HN', 'HO', 'HQ',
];
