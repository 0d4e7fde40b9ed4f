import type { DateSpan } from './x12-dates';

/** Subscriber (2010BA) or patient (2010CA) as the claim names them. */
export interface Person {
  /** NM109: the member id on the subscriber; a patient loop carries none in 5010. */
  memberId: string | null;
  lastName: string | null;
  firstName: string | null;
  birthDate: string | null;
  gender: string | null;
}

/** NPIs of the providers named at claim (2310x) or line (2420x) level. */
export interface ProviderNpis {
  rendering: string | null;
  facility: string | null;
  attending: string | null;
}

/** One HI composite: a diagnosis (with its POA flag) or an ICD-10-PCS procedure (with its date). */
export interface CodedEntry {
  code: string;
  poa: string | null;
  date: string | null;
  /** Of the HI segment, for errors. */
  position: number;
}

export interface HealthCareCodes {
  principalDiagnosis: CodedEntry | null;
  otherDiagnoses: CodedEntry[];
  principalProcedure: CodedEntry | null;
  otherProcedures: CodedEntry[];
  drg: string | null;
}

/** CLM and the 2300 segments about the claim as a whole (DTP, CL1). */
export interface ClaimInformation {
  claimId: string;
  totalCharge: string | null;
  /** CLM05-1: place of service (837P) or facility type code (837I). */
  facilityCode: string | null;
  /** CLM05-3: claim frequency type code. */
  frequencyCode: string | null;
  statementDates: DateSpan;
  admissionDate: string | null;
  admissionType: string | null;
  admissionSource: string | null;
  patientStatus: string | null;
}

export interface ProcedureCode {
  code: string | null;
  /** Modifiers 1-4 by position; a gap stays null so modifier 2 never slides into modifier 1. */
  modifiers: (string | null)[];
}

/** One 2400 loop. */
export interface ServiceLine {
  position: number;
  lineNumber: string;
  /** SV1 or SV2 seen: a line without one carries no service. */
  hasService: boolean;
  revenueCode: string | null;
  procedure: ProcedureCode;
  charge: string | null;
  units: string | null;
  placeOfService: string | null;
  dates: DateSpan;
  providers: ProviderNpis;
}

/** One 2300 loop with the hierarchy above it (billing provider, subscriber, patient). */
export interface ClaimDraft {
  position: number;
  billingNpi: string | null;
  payer: string | null;
  subscriber: Person;
  patient: Person | null;
  information: ClaimInformation;
  codes: HealthCareCodes;
  providers: ProviderNpis;
  lines: ServiceLine[];
}

export function noProviders(): ProviderNpis {
  return { rendering: null, facility: null, attending: null };
}

export function noPerson(): Person {
  return { memberId: null, lastName: null, firstName: null, birthDate: null, gender: null };
}
