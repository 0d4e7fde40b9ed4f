import {
  loadHcpcsLevel2CodeLists,
  loadHcpcsLevel2Modifiers,
  loadPlaceOfServiceCodes,
  toDottedIcd10Cm,
  toDotlessIcd10Cm,
} from '@ade/healthcare';
import { COMMON_DIAGNOSES, COMMON_MODIFIERS, COMMON_PLACES_OF_SERVICE, type AgeGroup } from './common-codes';
import { isExcludedDiagnosis } from './diagnosis-exclusions';
import { diagnosisCodesValidBetween } from './diagnosis-pool';

/** The code values a run draws from, all taken from (or checked against) the shipped code sets. */
export interface ReferencePools {
  /** Dotted ICD-10-CM codes valid throughout the run's service dates, minus age- and sex-bound ranges. */
  diagnosisCodes: readonly string[];
  /** Common codes, valid throughout the run, that suit a patient under 18. */
  commonChildDiagnosisCodes: readonly string[];
  /** Common codes, valid throughout the run, that suit a patient of 18 or more. */
  commonAdultDiagnosisCodes: readonly string[];
  /** Common codes, valid throughout the run, that suit a patient of any age. */
  commonAnyAgeDiagnosisCodes: readonly string[];
  /** HCPCS Level II codes present in every shipped quarterly list. */
  hcpcsLevel2Codes: readonly string[];
  modifiers: readonly string[];
  placesOfService: readonly string[];
  /** Common place-of-service codes, each repeated by its weight so a uniform pick is weighted. */
  weightedPlacesOfService: readonly string[];
}

const drawableByValidSet = new WeakMap<readonly string[], readonly string[]>();

/** Pools for service dates from `firstServiceDay` to `lastServiceDay` (epoch days). */
export function loadReferencePools(firstServiceDay: number, lastServiceDay: number): ReferencePools {
  const validDiagnoses = diagnosisCodesValidBetween(firstServiceDay, lastServiceDay);
  const valid = new Set(validDiagnoses);
  const commonFor = (group: AgeGroup) =>
    COMMON_DIAGNOSES.filter(([, ages]) => ages === 'any' || ages === group)
      .map(([code]) => toDottedIcd10Cm(code))
      .filter((code) => valid.has(code));
  const placesOfService = [...loadPlaceOfServiceCodes().keys()];
  const shippedModifiers = loadHcpcsLevel2Modifiers();
  return {
    diagnosisCodes: drawableDiagnoses(validDiagnoses),
    commonChildDiagnosisCodes: commonFor('child'),
    commonAdultDiagnosisCodes: commonFor('adult'),
    commonAnyAgeDiagnosisCodes: commonFor('any'),
    hcpcsLevel2Codes: hcpcsInEveryRelease(),
    modifiers: COMMON_MODIFIERS.filter((modifier) => shippedModifiers.has(modifier)),
    placesOfService,
    weightedPlacesOfService: COMMON_PLACES_OF_SERVICE.filter(([code]) => placesOfService.includes(code)).flatMap(
      ([code, weight]) => Array<string>(weight).fill(code),
    ),
  };
}

function drawableDiagnoses(validDiagnoses: readonly string[]): readonly string[] {
  let drawable = drawableByValidSet.get(validDiagnoses);
  if (!drawable) {
    drawable = validDiagnoses.filter((code) => !isExcludedDiagnosis(toDotlessIcd10Cm(code)));
    drawableByValidSet.set(validDiagnoses, drawable);
  }
  return drawable;
}

/**
 * Codes in every shipped quarterly list rather than only the newest, which lowers the chance of a
 * code that did not yet exist on an early service date (the lists carry no effective dates).
 */
function hcpcsInEveryRelease(): readonly string[] {
  const [newest, ...older] = [...loadHcpcsLevel2CodeLists().values()].reverse();
  return [...newest!].filter((code) => older.every((list) => list.has(code))).sort();
}
