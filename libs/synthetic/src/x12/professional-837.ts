/**
 * A professional claim as an 837P carries it and as its canonical rows come back: the subscriber
 * is the patient, one diagnosis list per claim, and lines dated D8 (one day) or RD8 (a range).
 */
export interface Professional837Claim {
  claimId: string;
  memberId: string;
  patient: { firstName: string; lastName: string; birthDate: string; gender: 'F' | 'M' | 'U' };
  payer: string;
  billingNpi: string;
  /** The 2310B rendering provider; null when the billing provider rendered the service (and the guide omits it). */
  renderingNpi: string | null;
  /** ICD-10-CM codes with their dots, principal first. */
  diagnoses: string[];
  lines: Array<{ hcpcs: string; modifiers: string[]; start: string; end: string; placeOfService: string; units: string; charge: string }>;
}

const compact = (isoDate: string) => isoDate.replaceAll('-', '');
const cents = (amount: string) => Math.round(Number(amount) * 100);

/**
 * One 005010X222A1 interchange of the claims: one transaction set, a 2000A billing provider level
 * per billing NPI (in the order they first appear) and under it a 2000B subscriber level per
 * claim. Segments end in `~` and a line break, as the fixtures do.
 */
export function professional837(claims: readonly Professional837Claim[]): string {
  const body: string[] = [
    'BHT*0019*00*BATCH0001*20240315*1200*CH',
    'NM1*41*2*SYNTHETIC BILLING SERVICE*****46*SUB0001',
    'PER*IC*BILLING OFFICE*TE*5555550100',
    'NM1*40*2*STATE MEDICAID AGENCY*****46*RCV0001',
  ];
  let hl = 0;
  let parent = 0;
  let biller: string | null = null;
  for (const claim of inInterchangeOrder(claims)) {
    if (claim.billingNpi !== biller) {
      biller = claim.billingNpi;
      parent = hl += 1;
      body.push(`HL*${parent}**20*1`, `NM1*85*2*SYNTHETIC CLINIC*****XX*${biller}`, 'N3*100 EXAMPLE ST', 'N4*SPRINGFIELD*IL*627010000', 'REF*EI*123456789');
    }
    const { patient } = claim;
    const total = claim.lines.reduce((sum, line) => sum + cents(line.charge), 0);
    body.push(
      `HL*${(hl += 1)}*${parent}*22*0`,
      'SBR*P*18*******MC',
      `NM1*IL*1*${patient.lastName}*${patient.firstName}****MI*${claim.memberId}`,
      `DMG*D8*${compact(patient.birthDate)}*${patient.gender}`,
      `NM1*PR*2*${claim.payer}*****PI*PAYER01`,
      `CLM*${claim.claimId}*${(total / 100).toFixed(2)}***${claim.lines[0]!.placeOfService}:B:1*Y*A*Y*Y`,
      `HI*${claim.diagnoses.map((code, i) => `${i === 0 ? 'ABK' : 'ABF'}:${code.replace('.', '')}`).join('*')}`,
    );
    if (claim.renderingNpi !== null) body.push(`NM1*82*1*RENDERER*PAT****XX*${claim.renderingNpi}`);
    claim.lines.forEach((line, i) => {
      const pointers = claim.diagnoses.slice(0, 4).map((_, n) => n + 1).join(':');
      const date = line.start === line.end ? `D8*${compact(line.start)}` : `RD8*${compact(line.start)}-${compact(line.end)}`;
      body.push(`LX*${i + 1}`, `SV1*${['HC', line.hcpcs, ...line.modifiers].join(':')}*${line.charge}*UN*${line.units}*${line.placeOfService}**${pointers}`, `DTP*472*${date}`);
    });
  }
  const segments = [
    'ISA*00*          *00*          *ZZ*ADESUBMITTER   *ZZ*STATEMEDICAID  *240315*1200*^*00501*000000101*0*T*:',
    'GS*HC*ADESUBMITTER*STATEMEDICAID*20240315*1200*101*X*005010X222A1',
    'ST*837*0001*005010X222A1',
    ...body,
    `SE*${body.length + 2}*0001`,
    'GE*1*101',
    'IEA*1*000000101',
  ];
  return segments.map((segment) => `${segment}~\n`).join('');
}

/** The claims in the order an interchange carries them: grouped under their billing provider, billers in order of first appearance. */
export function inInterchangeOrder(claims: readonly Professional837Claim[]): Professional837Claim[] {
  const billers = [...new Set(claims.map((claim) => claim.billingNpi))];
  return billers.flatMap((npi) => claims.filter((claim) => claim.billingNpi === npi));
}

/** The claims canonical professional rows describe, rows of one claim together, as professional837 writes them. */
export function claimsFromRows(rows: ReadonlyArray<Record<string, string | null>>): Professional837Claim[] {
  const byClaim = new Map<string, Array<Record<string, string | null>>>();
  for (const row of rows) byClaim.set(row['claim_id']!, [...(byClaim.get(row['claim_id']!) ?? []), row]);
  return [...byClaim.values()].map((lines) => {
    const first = lines[0]!;
    const diagnoses = Array.from({ length: 12 }, (_, i) => first[`diagnosis_code_${i + 1}`]).filter((code): code is string => code != null);
    const rendering = first['rendering_npi']!;
    return {
      claimId: first['claim_id']!,
      memberId: first['member_id']!,
      patient: { firstName: first['patient_first_name']!, lastName: first['patient_last_name']!, birthDate: first['patient_birth_date']!, gender: first['patient_gender'] as 'F' | 'M' | 'U' },
      payer: first['payer']!,
      billingNpi: first['billing_npi']!,
      renderingNpi: rendering === first['billing_npi'] ? null : rendering,
      diagnoses,
      lines: lines.map((line) => ({
        hcpcs: line['hcpcs_code']!,
        modifiers: [1, 2, 3, 4].map((n) => line[`hcpcs_modifier_${n}`]).filter((m): m is string => m != null),
        start: line['claim_line_start_date']!,
        end: line['claim_line_end_date']!,
        placeOfService: line['place_of_service_code']!,
        units: line['service_unit_quantity']!,
        charge: line['charge_amount']!,
      })),
    };
  });
}
