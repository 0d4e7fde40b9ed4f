import { noPerson, noProviders, type ClaimDraft, type Person, type ServiceLine } from './claim-draft';
import { claimInformation, withClaimDate, withInstitutionalCode } from './loops/claim-information';
import { ENTITY, entityCode, npiOf, personFromName, providerRole, withDemographics } from './loops/entity-name';
import { noHealthCareCodes, withHealthCareCodes } from './loops/health-care-codes';
import { openServiceLine, withInstitutionalService, withProfessionalService, withServiceDate } from './loops/service-line';
import type { X12ClaimKind } from './transaction-kind';
import { X12Error } from './x12-error';
import { element, type X12Seg } from './x12-segment';

/** HL03 hierarchical level codes of the 837. */
const LEVEL = { billingProvider: '20', subscriber: '22', patient: '23' } as const;

const SERVICE_TAG: Readonly<Record<X12ClaimKind, 'SV1' | 'SV2'>> = { '837P': 'SV1', '837I': 'SV2' };

/**
 * The claims of one transaction set (ST..SE, exclusive). The 837 nests loops without closing
 * them, so we walk the segments once and tell loops apart the way the guides do: HL03 for the
 * 2000 levels, NM101 for the 2010/2310/2420 names, CLM / SBR / LX for where 2300, 2320 and 2400
 * begin. A loop ends where the next loop at its level or above begins.
 */
export function collectClaims(segments: readonly X12Seg[], kind: X12ClaimKind): ClaimDraft[] {
  const collector = new ClaimCollector(kind);
  for (const segment of segments) collector.accept(segment);
  return collector.finish();
}

class ClaimCollector {
  private readonly claims: ClaimDraft[] = [];
  private billingNpi: string | null = null;
  private payer: string | null = null;
  private subscriber: Person | null = null;
  private patient: Person | null = null;
  /** Whom a DMG describes: the subscriber or patient named last outside a claim. */
  private named: 'subscriber' | 'patient' | null = null;
  private claim: ClaimDraft | null = null;
  private line: ServiceLine | null = null;
  /** Inside 2320/2330 (coordination of benefits): their NM1s describe another payer's coverage. */
  private inOtherSubscriber = false;

  constructor(private readonly kind: X12ClaimKind) {}

  accept(segment: X12Seg): void {
    switch (segment.tag) {
      case 'HL':
        return this.hierarchicalLevel(segment);
      case 'NM1':
        return this.name(segment);
      case 'DMG':
        return this.demographics(segment);
      case 'CLM':
        return this.openClaim(segment);
      case 'SBR':
        // A 2000B SBR always follows an HL, which closed the claim; inside a claim SBR opens 2320.
        if (this.claim !== null) this.inOtherSubscriber = true;
        return;
      case 'HI': {
        const claim = this.requireClaimHeader(segment);
        claim.codes = withHealthCareCodes(claim.codes, segment);
        return;
      }
      case 'CL1': {
        const claim = this.requireClaimHeader(segment);
        claim.information = withInstitutionalCode(claim.information, segment);
        return;
      }
      case 'DTP':
        return this.date(segment);
      case 'LX':
        return this.openLine(segment);
      case 'SV1':
      case 'SV2':
        return this.service(segment);
      default:
        return;
    }
  }

  finish(): ClaimDraft[] {
    this.closeClaim();
    return this.claims;
  }

  private hierarchicalLevel(hl: X12Seg): void {
    this.closeClaim();
    this.named = null;
    switch (element(hl, 3)) {
      case LEVEL.billingProvider:
        this.billingNpi = null;
        this.subscriber = null;
        this.payer = null;
        this.patient = null;
        return;
      case LEVEL.subscriber:
        this.subscriber = noPerson();
        this.payer = null;
        this.patient = null;
        return;
      case LEVEL.patient:
        this.patient = noPerson();
        return;
      default:
        return;
    }
  }

  private name(nm1: X12Seg): void {
    const code = entityCode(nm1);
    if (this.claim !== null) {
      if (this.inOtherSubscriber && this.line === null) return;
      const role = providerRole(code);
      const providers = this.line?.providers ?? this.claim.providers;
      if (role !== undefined) providers[role] = npiOf(nm1);
      return;
    }
    this.named = null;
    if (code === ENTITY.billingProvider) this.billingNpi = npiOf(nm1);
    else if (code === ENTITY.payer) this.payer = element(nm1, 3);
    else if (code === ENTITY.subscriber && this.subscriber !== null) {
      this.subscriber = personFromName(nm1);
      this.named = 'subscriber';
    } else if (code === ENTITY.patient && this.patient !== null) {
      this.patient = personFromName(nm1);
      this.named = 'patient';
    }
  }

  private demographics(dmg: X12Seg): void {
    if (this.named === 'subscriber' && this.subscriber !== null) this.subscriber = withDemographics(this.subscriber, dmg);
    if (this.named === 'patient' && this.patient !== null) this.patient = withDemographics(this.patient, dmg);
  }

  private openClaim(clm: X12Seg): void {
    this.closeClaim();
    // The 2300 and deeper loops carry no DMG of ours; a stray one must not re-date the subscriber.
    this.named = null;
    if (this.subscriber === null) {
      throw new X12Error('claim_structure_invalid', 'CLM', clm.position, 'the claim is outside a subscriber hierarchical level (HL03 22)');
    }
    this.claim = {
      position: clm.position,
      billingNpi: this.billingNpi,
      payer: this.payer,
      subscriber: this.subscriber,
      patient: this.patient,
      information: claimInformation(clm),
      codes: noHealthCareCodes(),
      providers: noProviders(),
      lines: [],
    };
  }

  private date(dtp: X12Seg): void {
    if (this.line !== null) this.line = withServiceDate(this.line, dtp);
    else if (this.claim !== null && !this.inOtherSubscriber) this.claim.information = withClaimDate(this.claim.information, dtp);
  }

  private openLine(lx: X12Seg): void {
    if (this.claim === null) {
      throw new X12Error('claim_structure_invalid', 'LX', lx.position, 'the service line is outside a claim: no CLM precedes it in its hierarchical level');
    }
    this.closeLine();
    this.inOtherSubscriber = false;
    this.line = openServiceLine(lx);
  }

  private service(sv: X12Seg): void {
    if (this.claim === null) {
      throw new X12Error('claim_structure_invalid', sv.tag, sv.position, 'the service line is outside a claim: no CLM precedes it in its hierarchical level');
    }
    if (this.line === null) {
      throw new X12Error('claim_structure_invalid', sv.tag, sv.position, 'the service is outside a service line: no LX precedes it in the claim');
    }
    if (sv.tag !== SERVICE_TAG[this.kind]) {
      throw new X12Error('claim_structure_invalid', sv.tag, sv.position, `${sv.tag} does not belong in an ${this.kind} transaction`);
    }
    if (this.line.hasService) {
      throw new X12Error('claim_structure_invalid', sv.tag, sv.position, `the service line carries more than one ${sv.tag}`);
    }
    this.line = sv.tag === 'SV1' ? withProfessionalService(this.line, sv) : withInstitutionalService(this.line, sv);
  }

  /** The open claim while still in its 2300 header (HI, CL1 belong there, not in 2320 or 2400). */
  private requireClaimHeader(segment: X12Seg): ClaimDraft {
    if (this.claim === null || this.line !== null || this.inOtherSubscriber) {
      throw new X12Error('claim_structure_invalid', segment.tag, segment.position, 'the segment belongs in a claim header (loop 2300) but appears outside one');
    }
    return this.claim;
  }

  private closeLine(): void {
    if (this.line === null || this.claim === null) return;
    if (!this.line.hasService) {
      throw new X12Error('claim_structure_invalid', 'LX', this.line.position, `the service line has no ${SERVICE_TAG[this.kind]} segment`);
    }
    this.claim.lines.push(this.line);
    this.line = null;
  }

  private closeClaim(): void {
    this.closeLine();
    if (this.claim === null) return;
    if (this.claim.lines.length === 0) {
      throw new X12Error('claim_structure_invalid', 'CLM', this.claim.position, 'the claim has no service line (LX)');
    }
    this.claims.push(this.claim);
    this.claim = null;
    this.inOtherSubscriber = false;
  }
}
