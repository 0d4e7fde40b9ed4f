import { loadNuccTaxonomyCodes } from '@ade/healthcare';

/**
 * NUCC taxonomy codes for the synthetic providers: group practices and clinics bill, clinicians
 * render, as on Medicaid professional claims. Picks, not a code list: each is checked against the
 * shipped NUCC set when first used and dropped if absent, so the providers file only ever carries
 * codes the taxonomy rules accept.
 */
const BILLING_TAXONOMIES = [
  '193200000X', // Multi-Specialty Group
  '193400000X', // Single Specialty Group
  '261QP2300X', // Clinic/Center, Primary Care
  '261QF0400X', // Federally Qualified Health Center
  '261QR1300X', // Rural Health Clinic
  '261QM0801X', // Community Mental Health Center
];

const RENDERING_TAXONOMIES = [
  '207Q00000X', // Family Medicine
  '207R00000X', // Internal Medicine
  '208000000X', // Pediatrics
  '208D00000X', // General Practice
  '207V00000X', // Obstetrics & Gynecology
  '2084P0800X', // Psychiatry
  '363LF0000X', // Nurse Practitioner, Family
  '363LP0200X', // Nurse Practitioner, Pediatrics
  '363A00000X', // Physician Assistant
  '1041C0700X', // Clinical Social Worker
  '103T00000X', // Psychologist
  '101YM0800X', // Mental Health Counselor
  '152W00000X', // Optometrist
  '225100000X', // Physical Therapist
  '235Z00000X', // Speech-Language Pathologist
];

let shipped: { billing: readonly string[]; rendering: readonly string[] } | undefined;

export function providerTaxonomies(): { billing: readonly string[]; rendering: readonly string[] } {
  if (!shipped) {
    const nucc = loadNuccTaxonomyCodes();
    shipped = {
      billing: BILLING_TAXONOMIES.filter((code) => nucc.has(code)),
      rendering: RENDERING_TAXONOMIES.filter((code) => nucc.has(code)),
    };
  }
  return shipped;
}
