import type { DataType } from '@ade/contracts';
import { loadLayouts } from '@ade/healthcare';
import {
  CCLF5_PART_B_PHYSICIAN_HEADERS,
  CCLF7_PART_D_HEADERS,
  CCW_CARRIER_HEADERS,
  CCW_INPATIENT_HEADERS,
  CCW_OUTPATIENT_HEADERS,
  DE_SYNPUF_CARRIER_HEADERS,
  NPPES_HEADERS,
  SYNTHEA_CLAIMS_HEADERS,
  TUVA_MEDICAL_CLAIM_HEADERS,
} from '@ade/synthetic';

/** How a layout writes dates. */
export type DateStyle = 'DD-MMM-YYYY' | 'YYYYMMDD' | 'YYYY-MM-DD' | 'MM/DD/YYYY' | 'timestamp';

/** One file layout of the benchmark, with the mapping a person made by hand. */
export interface LayoutCase {
  id: string;
  name: string;
  /** Written from a published record layout, or made by the team. */
  origin: 'published' | 'team';
  dataType: DataType;
  headers: readonly string[];
  /** Canonical column → the header that really holds it. */
  answer: Readonly<Record<string, string>>;
  delimiter: string;
  dates: DateStyle;
  /** Diagnoses of the ICD-9-CM era (DE-SynPUF), or SNOMED CT (Synthea) instead of ICD-10-CM. */
  diagnoses?: 'icd9' | 'snomed';
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const numbered = (canonical: string, header: (n: number) => string, to: number, from = 1) =>
  Object.fromEntries(range(from, to).map((n) => [`${canonical}_${n}`, header(n)]));

/**
 * The shipped descriptors' single-header columns are the hand-made answers for the four layouts
 * that have one (a column built from several fields is out of a one-to-one mapping's reach).
 */
function descriptorAnswer(id: string): Record<string, string> {
  const layout = loadLayouts().find((candidate) => candidate.id === id);
  if (!layout) throw new Error(`no shipped layout ${id}`);
  return Object.fromEntries(Object.entries(layout.columns).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function layoutCases(): LayoutCase[] {
  return [
    {
      id: 'cms-ccw-rif-carrier', name: 'CMS CCW RIF carrier claims', origin: 'published', dataType: 'professional_claims',
      headers: CCW_CARRIER_HEADERS, answer: descriptorAnswer('cms-ccw-rif-carrier'), delimiter: '|', dates: 'DD-MMM-YYYY',
    },
    {
      id: 'cms-ccw-rif-inpatient', name: 'CMS CCW RIF inpatient claims', origin: 'published', dataType: 'institutional_claims',
      headers: CCW_INPATIENT_HEADERS, answer: descriptorAnswer('cms-ccw-rif-inpatient'), delimiter: '|', dates: 'DD-MMM-YYYY',
    },
    {
      id: 'cms-ccw-rif-outpatient', name: 'CMS CCW RIF outpatient claims', origin: 'published', dataType: 'institutional_claims',
      headers: CCW_OUTPATIENT_HEADERS, answer: descriptorAnswer('cms-ccw-rif-outpatient'), delimiter: '|', dates: 'DD-MMM-YYYY',
    },
    {
      id: 'nppes-npi-registry', name: 'NPPES NPI registry (npidata_pfile)', origin: 'published', dataType: 'providers',
      headers: NPPES_HEADERS, answer: descriptorAnswer('nppes-npi-registry'), delimiter: ',', dates: 'MM/DD/YYYY',
    },
    {
      id: 'cms-de-synpuf-carrier', name: 'CMS DE-SynPUF carrier claims (first line of each claim)', origin: 'published',
      dataType: 'professional_claims', headers: DE_SYNPUF_CARRIER_HEADERS, delimiter: ',', dates: 'YYYYMMDD', diagnoses: 'icd9',
      answer: {
        member_id: 'DESYNPUF_ID', claim_id: 'CLM_ID', claim_start_date: 'CLM_FROM_DT', claim_end_date: 'CLM_THRU_DT',
        ...numbered('diagnosis_code', (n) => `ICD9_DGNS_CD_${n}`, 8), rendering_npi: 'PRF_PHYSN_NPI_1', hcpcs_code: 'HCPCS_CD_1',
        paid_amount: 'LINE_NCH_PMT_AMT_1', deductible_amount: 'LINE_BENE_PTB_DDCTBL_AMT_1', coinsurance_amount: 'LINE_COINSRNC_AMT_1',
        allowed_amount: 'LINE_ALOWD_CHRG_AMT_1',
      },
    },
    {
      id: 'synthea-claims', name: 'Synthea CSV export, claims.csv', origin: 'published', dataType: 'professional_claims',
      headers: SYNTHEA_CLAIMS_HEADERS, delimiter: ',', dates: 'timestamp', diagnoses: 'snomed',
      answer: { claim_id: 'Id', person_id: 'PATIENTID', claim_line_start_date: 'SERVICEDATE', ...numbered('diagnosis_code', (n) => `DIAGNOSIS${n}`, 8) },
    },
    {
      id: 'cclf5-part-b-physician', name: 'CMS CCLF5 Part B physician lines', origin: 'published', dataType: 'professional_claims',
      headers: CCLF5_PART_B_PHYSICIAN_HEADERS, delimiter: '|', dates: 'YYYY-MM-DD',
      answer: {
        claim_id: 'CUR_CLM_UNIQ_ID', claim_line_number: 'CLM_LINE_NUM', claim_type: 'CLM_TYPE_CD', claim_start_date: 'CLM_FROM_DT',
        claim_end_date: 'CLM_THRU_DT', place_of_service_code: 'CLM_POS_CD', claim_line_start_date: 'CLM_LINE_FROM_DT',
        claim_line_end_date: 'CLM_LINE_THRU_DT', hcpcs_code: 'CLM_LINE_HCPCS_CD', paid_amount: 'CLM_LINE_CVRD_PD_AMT',
        rendering_npi: 'RNDRG_PRVDR_NPI_NUM', allowed_amount: 'CLM_LINE_ALOWD_CHRG_AMT', service_unit_quantity: 'CLM_LINE_SRVC_UNIT_QTY',
        ...numbered('hcpcs_modifier', (n) => `HCPCS_${n}_MDFR_CD`, 5), ...numbered('diagnosis_code', (n) => `CLM_DGNS_${n}_CD`, 12),
      },
    },
    {
      id: 'cclf7-part-d', name: 'CMS CCLF7 Part D events', origin: 'published', dataType: 'pharmacy_claims',
      headers: CCLF7_PART_D_HEADERS, delimiter: '|', dates: 'YYYY-MM-DD',
      answer: {
        claim_id: 'CUR_CLM_UNIQ_ID', mbi: 'BENE_MBI_ID', ndc_code: 'CLM_LINE_NDC_CD', dispensing_date: 'CLM_LINE_FROM_DT',
        dispensing_provider_npi: 'CLM_SRVC_PRVDR_GNRC_ID_NUM', quantity: 'CLM_LINE_SRVC_UNIT_QTY', days_supply: 'CLM_LINE_DAYS_SUPLY_QTY',
        prescribing_provider_npi: 'CLM_PRSBNG_PRVDR_GNRC_ID_NUM', prescription_number: 'CLM_LINE_RX_SRVC_RFRNC_NUM', refills: 'CLM_LINE_RX_FILL_NUM',
      },
    },
    {
      id: 'tuva-medical-claim', name: 'Tuva input layer, medical_claim (professional lines)', origin: 'published', dataType: 'professional_claims',
      headers: TUVA_MEDICAL_CLAIM_HEADERS, delimiter: ',', dates: 'YYYY-MM-DD',
      answer: Object.fromEntries(
        [
          'claim_id', 'claim_line_number', 'claim_type', 'person_id', 'member_id', 'payer', 'plan', 'claim_start_date', 'claim_end_date',
          'claim_line_start_date', 'claim_line_end_date', 'place_of_service_code', 'service_unit_quantity', 'hcpcs_code', 'rendering_npi',
          'billing_npi', 'facility_npi', 'paid_date', 'paid_amount', 'allowed_amount', 'charge_amount', 'coinsurance_amount',
          'copayment_amount', 'deductible_amount', 'diagnosis_code_type', ...range(1, 5).map((n) => `hcpcs_modifier_${n}`),
          ...range(1, 12).map((n) => `diagnosis_code_${n}`),
        ].map((name) => [name, name]),
      ),
    },
    {
      id: 'team-payer-abbreviations', name: 'Payer extract with terse abbreviations (team-made)', origin: 'team', dataType: 'professional_claims',
      headers: ['CLMNO', 'LN', 'MBR_NO', 'MBR_DOB', 'MBR_SEX', 'BILL_PROV', 'REND_PROV', 'DX1', 'DX2', 'DX3', 'DX4', 'PX_CD', 'MOD1', 'MOD2',
        'DOS_FR', 'DOS_TO', 'POS', 'QTY', 'CHG_AMT', 'ALWD_AMT', 'PD_AMT', 'RCV_DT', 'PD_DT', 'ADJ_CD', 'BATCH'],
      delimiter: ',', dates: 'MM/DD/YYYY',
      answer: {
        claim_id: 'CLMNO', claim_line_number: 'LN', member_id: 'MBR_NO', patient_birth_date: 'MBR_DOB', patient_gender: 'MBR_SEX',
        billing_npi: 'BILL_PROV', rendering_npi: 'REND_PROV', diagnosis_code_1: 'DX1', diagnosis_code_2: 'DX2', diagnosis_code_3: 'DX3',
        diagnosis_code_4: 'DX4', hcpcs_code: 'PX_CD', hcpcs_modifier_1: 'MOD1', hcpcs_modifier_2: 'MOD2', claim_line_start_date: 'DOS_FR',
        claim_line_end_date: 'DOS_TO', place_of_service_code: 'POS', service_unit_quantity: 'QTY', charge_amount: 'CHG_AMT',
        allowed_amount: 'ALWD_AMT', paid_amount: 'PD_AMT', claim_received_date: 'RCV_DT', paid_date: 'PD_DT',
      },
    },
    {
      id: 'team-spanish-professional', name: 'Professional claims with Spanish headers (team-made)', origin: 'team', dataType: 'professional_claims',
      headers: ['numero_reclamo', 'linea', 'id_afiliado', 'fecha_nacimiento', 'sexo', 'npi_facturacion', 'npi_tratante', 'codigo_diagnostico_1',
        'codigo_diagnostico_2', 'codigo_diagnostico_3', 'codigo_procedimiento', 'fecha_servicio_desde', 'fecha_servicio_hasta', 'lugar_de_servicio',
        'cantidad_unidades', 'monto_facturado', 'monto_permitido', 'monto_pagado', 'fecha_de_pago', 'observaciones'],
      delimiter: ';', dates: 'YYYY-MM-DD',
      answer: {
        claim_id: 'numero_reclamo', claim_line_number: 'linea', member_id: 'id_afiliado', patient_birth_date: 'fecha_nacimiento',
        patient_gender: 'sexo', billing_npi: 'npi_facturacion', rendering_npi: 'npi_tratante', diagnosis_code_1: 'codigo_diagnostico_1',
        diagnosis_code_2: 'codigo_diagnostico_2', diagnosis_code_3: 'codigo_diagnostico_3', hcpcs_code: 'codigo_procedimiento',
        claim_line_start_date: 'fecha_servicio_desde', claim_line_end_date: 'fecha_servicio_hasta', place_of_service_code: 'lugar_de_servicio',
        service_unit_quantity: 'cantidad_unidades', charge_amount: 'monto_facturado', allowed_amount: 'monto_permitido',
        paid_amount: 'monto_pagado', paid_date: 'fecha_de_pago',
      },
    },
    {
      id: 'team-german-institutional', name: 'Institutional claims with German headers (team-made)', origin: 'team', dataType: 'institutional_claims',
      headers: ['Fallnummer', 'Positionsnummer', 'Versichertennummer', 'Geburtsdatum', 'Geschlecht', 'Abrechnungs_NPI', 'Behandelnder_Arzt_NPI',
        'Rechnungsart', 'Aufnahmedatum', 'Entlassungsdatum', 'Abrechnungszeitraum_von', 'Abrechnungszeitraum_bis', 'Hauptdiagnose', 'Diagnose_2',
        'Diagnose_3', 'Erloescode', 'Leistungsziffer', 'Menge', 'Betrag_berechnet', 'Betrag_bezahlt', 'Bemerkung'],
      delimiter: ';', dates: 'YYYYMMDD',
      answer: {
        claim_id: 'Fallnummer', claim_line_number: 'Positionsnummer', member_id: 'Versichertennummer', patient_birth_date: 'Geburtsdatum',
        patient_gender: 'Geschlecht', billing_npi: 'Abrechnungs_NPI', rendering_npi: 'Behandelnder_Arzt_NPI', admission_date: 'Aufnahmedatum',
        discharge_date: 'Entlassungsdatum', claim_start_date: 'Abrechnungszeitraum_von', claim_end_date: 'Abrechnungszeitraum_bis',
        diagnosis_code_1: 'Hauptdiagnose', diagnosis_code_2: 'Diagnose_2', diagnosis_code_3: 'Diagnose_3', revenue_center_code: 'Erloescode',
        hcpcs_code: 'Leistungsziffer', service_unit_quantity: 'Menge', charge_amount: 'Betrag_berechnet', paid_amount: 'Betrag_bezahlt',
        bill_type_code: 'Rechnungsart',
      },
    },
    {
      id: 'team-french-pharmacy', name: 'Pharmacy claims with French headers (team-made)', origin: 'team', dataType: 'pharmacy_claims',
      headers: ['numero_demande', 'numero_ligne', 'identifiant_assure', 'npi_pharmacie', 'npi_prescripteur', 'code_ndc', 'date_delivrance',
        'quantite', 'jours_approvisionnement', 'numero_ordonnance', 'montant_facture', 'montant_paye', 'commentaire'],
      delimiter: ';', dates: 'YYYY-MM-DD',
      answer: {
        claim_id: 'numero_demande', claim_line_number: 'numero_ligne', member_id: 'identifiant_assure', dispensing_provider_npi: 'npi_pharmacie',
        prescribing_provider_npi: 'npi_prescripteur', ndc_code: 'code_ndc', dispensing_date: 'date_delivrance', quantity: 'quantite',
        days_supply: 'jours_approvisionnement', prescription_number: 'numero_ordonnance', charge_amount: 'montant_facture', paid_amount: 'montant_paye',
      },
    },
    {
      id: 'team-portuguese-eligibility', name: 'Eligibility with Portuguese headers (team-made)', origin: 'team', dataType: 'eligibility',
      headers: ['numero_beneficiario', 'nome', 'sobrenome', 'data_nascimento', 'sexo', 'operadora', 'plano', 'data_inicio_cobertura',
        'data_fim_cobertura', 'cidade', 'estado', 'cep', 'telefone'],
      delimiter: ',', dates: 'YYYY-MM-DD',
      answer: {
        member_id: 'numero_beneficiario', first_name: 'nome', last_name: 'sobrenome', birth_date: 'data_nascimento', gender: 'sexo',
        payer: 'operadora', plan: 'plano', enrollment_start_date: 'data_inicio_cobertura', enrollment_end_date: 'data_fim_cobertura',
        city: 'cidade', state: 'estado', zip_code: 'cep', phone: 'telefone',
      },
    },
    {
      id: 'team-provider-roster', name: 'Provider roster with terse abbreviations (team-made)', origin: 'team', dataType: 'providers',
      headers: ['PROV_NPI', 'ENT_TYP', 'TXNMY_CD', 'ORG_NM', 'LST_NM', 'FRST_NM', 'ADDR1', 'CTY', 'ST', 'ZIP', 'PHN', 'CRED'],
      delimiter: '|', dates: 'YYYY-MM-DD',
      answer: {
        npi: 'PROV_NPI', entity_type_code: 'ENT_TYP', primary_taxonomy_code: 'TXNMY_CD', provider_organization_name: 'ORG_NM',
        provider_last_name: 'LST_NM', provider_first_name: 'FRST_NM', practice_address_line_1: 'ADDR1', practice_city: 'CTY',
        practice_state: 'ST', practice_zip_code: 'ZIP', practice_phone: 'PHN',
      },
    },
  ];
}
