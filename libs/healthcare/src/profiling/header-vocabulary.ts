/**
 * The words headers are written in, each read as the English concept(s) the canonical column
 * names and synonyms use. Three sources, all written by the team:
 * - abbreviations of the CMS Chronic Conditions Warehouse (CCW) and CCLF record layouts, which
 *   drop vowels (CLM, PRVDR, DGNS, PRCDR, SRVC, PMT, BENE, RNDRG, ATNDG, ...);
 * - abbreviations payers and clearinghouses use in extracts (DX, PX, DOS, MBR, REND, PD, ...);
 * - Spanish, German, French and Portuguese words for the same fields, as a payer abroad or a
 *   team working in its own language would name them.
 * Words not listed are compared as they are.
 */
export const HEADER_WORDS: Readonly<Record<string, readonly string[]>> = {
  // Claims and lines
  clm: ['claim'], claims: ['claim'], reclamo: ['claim'], reclamacion: ['claim'], siniestro: ['claim'], anspruch: ['claim'],
  fall: ['claim'], abrechnungsfall: ['claim'], demande: ['claim'], sinistre: ['claim'], sinistro: ['claim'], reclamation: ['claim'],
  ln: ['line'], lin: ['line'], linea: ['line'], zeile: ['line'], position: ['line'], ligne: ['line'], linha: ['line'], seq: ['line'],
  // Identifiers and numbers
  identifier: ['id'], ident: ['id'], identificador: ['id'], identifiant: ['id'], kennung: ['id'], uniq: ['id'],
  num: ['number'], nbr: ['number'], no: ['number'], nr: ['number'], nmbr: ['number'], numero: ['number'], nummer: ['number'],
  cd: ['code'], cde: ['code'], codigo: ['code'], cod: ['code'], schluessel: ['code'], kode: ['code'],
  typ: ['type'], tp: ['type'], tipo: ['type'], art: ['type'],
  // People
  mbr: ['member'], mem: ['member'], bene: ['member'], bnfcry: ['member'], beneficiary: ['member'], recipient: ['member'], enrollee: ['member'],
  miembro: ['member'], afiliado: ['member'], beneficiario: ['member'], asegurado: ['member'], versicherter: ['member'], versicherten: ['member'],
  mitglied: ['member'], assure: ['member'], adherent: ['member'], beneficiaire: ['member'], segurado: ['member'],
  pat: ['patient'], pt: ['patient'], paciente: ['patient'], patienten: ['patient'],
  sbscrbr: ['subscriber'], sub: ['subscriber'], titular: ['subscriber'],
  frst: ['first'], fst: ['first'], fname: ['first', 'name'], vorname: ['first', 'name'], prenom: ['first', 'name'], primer: ['first'],
  lst: ['last'], lname: ['last', 'name'], surname: ['last', 'name'], apellido: ['last', 'name'], nachname: ['last', 'name'], sobrenome: ['last', 'name'],
  nm: ['name'], nme: ['name'], nombre: ['name'], nom: ['name'], nome: ['name'],
  brth: ['birth'], dob: ['birth', 'date'], nacimiento: ['birth'], geburt: ['birth'], geburtsdatum: ['birth', 'date'], naissance: ['birth'], nascimento: ['birth'],
  sex: ['gender'], sexo: ['gender'], sexe: ['gender'], gndr: ['gender'], geschlecht: ['gender'], genero: ['gender'],
  death: ['death'], dod: ['death', 'date'], fallecimiento: ['death'], deces: ['death'],
  // Providers
  prvdr: ['provider'], prov: ['provider'], prv: ['provider'], physn: ['provider'], physician: ['provider'], phys: ['provider'],
  proveedor: ['provider'], prestador: ['provider'], medico: ['provider'], leistungserbringer: ['provider'], arzt: ['provider'],
  anbieter: ['provider'], prestataire: ['provider'], praticien: ['provider'], fournisseur: ['provider'], fornecedor: ['provider'],
  bill: ['billing'], billg: ['billing'], blg: ['billing'], blng: ['billing'], facturacion: ['billing'], abrechnung: ['billing'], abrechnender: ['billing'],
  abrechnenden: ['billing'], facturation: ['billing'], faturamento: ['billing'], cobro: ['billing'],
  rend: ['rendering'], rndrg: ['rendering'], rndrng: ['rendering'], rendering: ['rendering'], performing: ['rendering'], prf: ['rendering'], servicing: ['rendering'],
  tratante: ['rendering'], behandelnder: ['rendering'], behandelnden: ['rendering'], executant: ['rendering'],
  atndg: ['attending'], attnd: ['attending'], att: ['attending'], at: ['attending'], op: ['operating'], ot: ['other'],
  fac: ['facility'], fclty: ['facility'], instalacion: ['facility'], einrichtung: ['facility'], etablissement: ['facility'],
  org: ['organization'], orgnztn: ['organization'], organisation: ['organization'], organizacion: ['organization'],
  txnmy: ['taxonomy'], taxonomia: ['taxonomy'], taxonomie: ['taxonomy'], spclty: ['specialty'],
  ntnl: ['national'], hic: ['legacy'], hicn: ['legacy'], upin: ['legacy'], rfrnc: ['reference'], cnt: ['count'], rdcd: ['reduced'], rfr: ['referring'], rfrng: ['referring'], ref: ['referring'], refg: ['referring'],
  // Codes
  dgns: ['diagnosis'], dx: ['diagnosis'], diag: ['diagnosis'], dxcd: ['diagnosis', 'code'], diagnostico: ['diagnosis'], diagnose: ['diagnosis'],
  diagnostic: ['diagnosis'], diagnosen: ['diagnosis'], prncpal: ['principal'], prin: ['principal'], principal: ['principal'],
  prcdr: ['procedure'], px: ['procedure'], proc: ['procedure'], procedimiento: ['procedure'], prozedur: ['procedure'], eingriff: ['procedure'],
  acte: ['procedure'], procedimento: ['procedure'], leistungsziffer: ['procedure', 'code'],
  hcpc: ['hcpcs'], mdfr: ['modifier'], mod: ['modifier'], modificador: ['modifier'], modifikator: ['modifier'], modificateur: ['modifier'],
  poa: ['poa'], ind: ['indicator'], sw: ['indicator'], switch: ['indicator'], src: ['source'], ip: ['inpatient'], expns: ['service'],
  period: ['statement'], zeitraum: ['statement'], periodo: ['statement'], periode: ['statement'],
  erloes: ['revenue'], erlos: ['revenue'], rechnung: ['bill'], rechnungs: ['bill'], vrsn: ['version'], version: ['version'],
  rev: ['revenue'], rvnu: ['revenue'], cntr: ['center'], ctr: ['center'], ingreso: ['revenue'],
  tob: ['bill', 'type'],
  // Places
  plc: ['place'], lugar: ['place'], ort: ['place'], lieu: ['place'], local: ['place'],
  pos: ['place', 'service'], srvc: ['service'], svc: ['service'], srv: ['service'], servicio: ['service'], leistung: ['service'],
  leistungs: ['service'], soin: ['service'], soins: ['service'], prestation: ['service'], servico: ['service'], atencion: ['service'],
  behandlung: ['service'], behandlungs: ['service'], atendimento: ['service'],
  st: ['state'], estado: ['state'], bundesland: ['state'], staat: ['state'], etat: ['state'], prvnc: ['state'],
  postal: ['zip'], plz: ['zip'], postleitzahl: ['zip'], cp: ['zip'], cep: ['zip'], zip5: ['zip'],
  adr: ['address'], addr: ['address'], direccion: ['address'], adresse: ['address'], anschrift: ['address'], endereco: ['address'], strasse: ['address'],
  cty: ['city'], ciudad: ['city'], stadt: ['city'], ville: ['city'], cidade: ['city'],
  tel: ['phone'], telephone: ['phone'], telefono: ['phone'], telefon: ['phone'],
  // Dates
  dt: ['date'], dte: ['date'], fecha: ['date'], datum: ['date'], data: ['date'], fec: ['date'],
  dos: ['service', 'date'],
  from: ['start'], frm: ['start'], fr: ['start'], begin: ['start'], beg: ['start'], bgn: ['start'], strt: ['start'], desde: ['start'], inicio: ['start'],
  von: ['start'], ab: ['start'], beginn: ['start'], debut: ['start'], eff: ['start'], effective: ['start'],
  thru: ['end'], through: ['end'], thr: ['end'], to: ['end'], hasta: ['end'], fin: ['end'], bis: ['end'], ende: ['end'], term: ['end'],
  termination: ['end'], ate: ['end'], termino: ['end'],
  admsn: ['admission'], admit: ['admission'], adm: ['admission'], aufnahme: ['admission'], admission: ['admission'], internacao: ['admission'],
  dschrg: ['discharge'], disch: ['discharge'], dis: ['discharge'], alta: ['discharge'], entlassung: ['discharge'], sortie: ['discharge'],
  rcvd: ['received'], recd: ['received'], rcpt: ['received'], receipt: ['received'], rec: ['received'], recibido: ['received'], recepcion: ['received'],
  eingang: ['received'], eingangs: ['received'], reception: ['received'], recebimento: ['received'],
  stmt: ['statement'],
  // Money
  amt: ['amount'], amnt: ['amount'], monto: ['amount'], importe: ['amount'], valor: ['amount'], betrag: ['amount'], montant: ['amount'], mnt: ['amount'],
  pd: ['paid'], pmt: ['paid'], payment: ['paid'], pymt: ['paid'], pagado: ['paid'], pago: ['paid'], pagamento: ['paid'], bezahlt: ['paid'],
  gezahlt: ['paid'], zahlung: ['paid'], erstattet: ['paid'], paye: ['paid'], payes: ['paid'], rembourse: ['paid'], pgto: ['paid'],
  billed: ['charge'], chrg: ['charge'], chg: ['charge'], charges: ['charge'], submitted: ['charge'], sbmtd: ['charge'], facturado: ['charge'],
  cargo: ['charge'], berechnet: ['charge'], gefordert: ['charge'], factures: ['charge'], facture: ['charge'], cobrado: ['charge'], faturado: ['charge'],
  alowd: ['allowed'], alwd: ['allowed'], allwd: ['allowed'], allowable: ['allowed'], approved: ['allowed'], permitido: ['allowed'], autorizado: ['allowed'],
  zulaessig: ['allowed'], genehmigt: ['allowed'], anerkannt: ['allowed'], autorise: ['allowed'], admis: ['allowed'],
  ddctbl: ['deductible'], ded: ['deductible'], deducible: ['deductible'], selbstbehalt: ['deductible'], franchise: ['deductible'], franquia: ['deductible'],
  coins: ['coinsurance'], coinsrnc: ['coinsurance'], coaseguro: ['coinsurance'], cpay: ['copay'], copayment: ['copay'], copago: ['copay'],
  zuzahlung: ['copay'], copaiement: ['copay'], coparticipacao: ['copay'],
  // Quantities and pharmacy
  unit: ['units'], unt: ['units'], uts: ['units'], unidades: ['units'], einheiten: ['units'], unites: ['units'],
  qty: ['quantity'], cantidad: ['quantity'], menge: ['quantity'], quantite: ['quantity'], quantidade: ['quantity'], anzahl: ['quantity'],
  dys: ['days'], dias: ['days'], tage: ['days'], jours: ['days'], suply: ['supply'], suministro: ['supply'],
  rx: ['prescription'], receta: ['prescription'], rezept: ['prescription'], ordonnance: ['prescription'],
  dispense: ['dispensing'], dispensed: ['dispensing'], dspnsng: ['dispensing'], dispensacion: ['dispensing'],
  abgabe: ['dispensing'], delivrance: ['dispensing'], pharmacy: ['dispensing'], farmacia: ['dispensing'], apotheke: ['dispensing'], pharmacie: ['dispensing'],
  prscrbr: ['prescribing'], prescriber: ['prescribing'], prescriptor: ['prescribing'], verordner: ['prescribing'], prescripteur: ['prescribing'],
  prod: ['product'], producto: ['product'], medicamento: ['drug'], arzneimittel: ['drug'], medicament: ['drug'],
  // Plans
  pln: ['plan'], plano: ['plan'], operadora: ['payer'], cobertura: ['coverage'], deckung: ['coverage'], couverture: ['coverage'], phn: ['phone'], pagador: ['payer'], payor: ['payer'], kostentraeger: ['payer'], kasse: ['payer'], krankenkasse: ['payer'], assureur: ['payer'], aseguradora: ['payer'],
};

/** Words in a header that number a repeat, like the digits of `DX_2`. */
export const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, second: 2, third: 3, fourth: 4, fifth: 5,
  segundo: 2, tercero: 3, zweite: 2, dritte: 3, deuxieme: 2, troisieme: 3,
};

/**
 * Concepts that make a field a different one from the column it otherwise names: the other
 * organisation name, a replacement NPI, a secondary payer's paid amount.
 */
export const SETTING_APART: ReadonlySet<string> = new Set(['other', 'secondary', 'alternate', 'former', 'previous', 'old', 'replacement', 'prior', 'referring', 'operating', 'legacy', 'reduced', 'blood']);

/** Words that carry no meaning of their own in a header ("date of service", "fecha de alta"). */
export const HEADER_STOP_WORDS: ReadonlySet<string> = new Set(['of', 'the', 'a', 'an', 'del', 'la', 'el', 'los', 'las', 'der', 'die', 'das', 'de', 'des', 'du', 'le', 'les', 'do', 'da', 'y', 'und', 'et', 'e', 'per', 'en', 'im']);

/**
 * How much a shared concept counts. Words every other column carries (code, number, amount,
 * date, id, provider) say little on their own; the word that tells columns apart counts fully.
 */
export const CONCEPT_WEIGHTS: Readonly<Record<string, number>> = {
  code: 0.35,
  number: 0.35,
  id: 0.5,
  type: 0.6,
  amount: 0.5,
  date: 0.6,
  provider: 0.5,
  icd: 0.2,
  icd9: 0.4,
  icd10: 0.4,
  principal: 0.6,
  primary: 0.6,
  claim: 0.6,
  line: 0.7,
  total: 0.3,
  national: 0.2,
  charge: 0.7,
};
