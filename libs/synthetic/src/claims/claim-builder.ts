import type { Member, MemberPopulation } from '../people/members';
import type { ProviderDirectory } from '../people/providers';
import type { Random } from '../random/random';
import type { ReferencePools } from '../reference/reference-pools';
import type { ClaimShape } from './claim-shape';
import { DayFormatter, julianDate } from './day-formatter';
import { drawLineAmounts, drawUnits } from './line-amounts';
import { formatCents } from './money';
import { drawCptShapedCode } from './procedure-codes';
import type { ClaimLineFields } from './professional-claim-columns';

/** The days a run may put on claims. Valid claims are received by `asOfDay`, so they end before it. */
export interface ServiceCalendar {
  firstServiceDay: number;
  lastServiceDay: number;
  asOfDay: number;
  /** A late claim is received more than this many days after its service ends. */
  lateFilingDays: number;
}

export interface ClaimBuilderContext {
  random: Random;
  pools: ReferencePools;
  members: MemberPopulation;
  providers: ProviderDirectory;
  calendar: ServiceCalendar;
}

export const PAYER = 'Medicaid';
/**
 * Certainly under 18, and certainly 18 or over, whatever the leap years; a patient in the two
 * weeks between gets only codes that suit any age.
 */
const SURELY_CHILD_BELOW_DAYS = 18 * 365;
const SURELY_ADULT_FROM_DAYS = 18 * 366;
const FUTURE_HORIZON_DAYS = 365;

/** Everything a line repeats from its claim, formatted once per claim. */
interface ClaimHeader {
  claimId: string;
  member: Member;
  birthDate: string;
  billingNpi: string;
  group: number;
  clinician: number;
  diagnoses: [string, string, string, string];
  startDay: number;
  endDay: number;
  startDate: string;
  endDate: string;
  receivedDate: string;
  placeOfService: string;
  /** The one line of a `reversed_line_dates` claim writes its start and end the wrong way round. */
  reversedLineDates: boolean;
}

/** Opens claims one after another; numbering and formatting state lives here. */
export class ClaimBuilder {
  private sequence = 0;
  private readonly days = new DayFormatter();

  constructor(private readonly context: ClaimBuilderContext) {}

  /**
   * A new claim of the given shape (see ClaimShape). A regular claim has one to four lines inside
   * the valid service window; every other shape has exactly one line. A future-dated claim (the
   * `future_service_date` defect) has dates 1..365 days after `asOf`; the others are dated inside
   * the window too.
   */
  open(shape: ClaimShape): OpenClaim {
    const { random } = this.context;
    this.sequence += 1;
    const lineCount = shape === 'regular' ? drawLineCount(random) : 1;
    return new OpenClaim(this.context, this.days, this.header(shape), lineCount);
  }

  private header(shape: ClaimShape): ClaimHeader {
    const { random, pools, members, providers, calendar } = this.context;
    const member =
      shape === 'former_member' ? members.formerAt(random.int(0, members.formerSize - 1)) : members.at(random.int(0, members.size - 1));
    const { startDay, endDay, receivedDay } = drawClaimDates(shape, random, calendar);
    const receivedDate = this.days.format(receivedDay);
    const group = random.int(0, providers.billingProviders - 1);
    return {
      // Payer-style internal control number: received date (YYDDD) and a sequence, so it is unique.
      claimId: `${julianDate(receivedDate)}${String(this.sequence).padStart(8, '0')}`,
      member,
      birthDate: this.days.format(member.birthDay),
      billingNpi: providers.billingNpi(group),
      group,
      clinician: random.int(0, providers.cliniciansPerGroup - 1),
      diagnoses: drawDiagnoses(random, commonDiagnosesFor(pools, startDay - member.birthDay), pools.diagnosisCodes),
      startDay,
      endDay,
      startDate: this.days.format(startDay),
      endDate: this.days.format(endDay),
      receivedDate,
      // Mostly the common settings, now and then any CMS code (home, school, shelter, ...).
      placeOfService: random.pick(random.chance(0.97) ? pools.weightedPlacesOfService : pools.placesOfService),
      reversedLineDates: shape === 'reversed_line_dates',
    };
  }
}

export class OpenClaim {
  private linesWritten = 0;

  constructor(
    private readonly context: ClaimBuilderContext,
    private readonly days: DayFormatter,
    private readonly header: ClaimHeader,
    readonly lineCount: number,
  ) {}

  get isComplete(): boolean {
    return this.linesWritten >= this.lineCount;
  }

  /** The next line's values in column order (see PROFESSIONAL_CLAIM_COLUMNS). */
  nextLine(): ClaimLineFields {
    const { random, pools, providers } = this.context;
    const { header } = this;
    this.linesWritten += 1;
    // The first line spans the whole claim, so claim dates always equal the lines' min start and
    // max end, however many lines the claim ends up with.
    const lineStart = this.linesWritten === 1 ? header.startDay : random.int(header.startDay, header.endDay);
    const lineEnd = this.linesWritten === 1 ? header.endDay : random.int(lineStart, header.endDay);
    const isLevel2Code = random.chance(0.28);
    const units = drawUnits(random);
    const amounts = drawLineAmounts(random, isLevel2Code, units);
    const clinician = random.chance(0.1) ? random.int(0, providers.cliniciansPerGroup - 1) : header.clinician;
    const { member } = header;
    const [writtenStart, writtenEnd] = header.reversedLineDates ? [lineEnd, lineStart] : [lineStart, lineEnd];
    return [
      header.claimId,
      String(this.linesWritten),
      member.memberId,
      member.firstName,
      member.lastName,
      header.birthDate,
      member.gender,
      header.billingNpi,
      providers.renderingNpi(header.group, clinician),
      ...header.diagnoses,
      isLevel2Code ? random.pick(pools.hcpcsLevel2Codes) : drawCptShapedCode(random),
      random.chance(0.18) && pools.modifiers.length > 0 ? random.pick(pools.modifiers) : '',
      header.startDate,
      header.endDate,
      this.days.format(writtenStart),
      this.days.format(writtenEnd),
      header.receivedDate,
      header.placeOfService,
      String(units),
      formatCents(amounts.chargeCents),
      formatCents(amounts.allowedCents),
      formatCents(amounts.paidCents),
      member.state,
      PAYER,
      member.plan,
    ];
  }
}

function drawLineCount(random: Random): number {
  const band = random.next();
  if (band < 0.45) return 1;
  if (band < 0.75) return 2;
  if (band < 0.9) return 3;
  return 4;
}

/** Mostly single-day visits; some spans of up to a week. */
function drawSpanDays(random: Random): number {
  return random.chance(0.85) ? 0 : random.int(1, 6);
}

function drawClaimDates(shape: ClaimShape, random: Random, calendar: ServiceCalendar) {
  switch (shape) {
    case 'future':
      return drawFutureDates(random, calendar);
    case 'reversed_line_dates':
      return drawMultiDayDates(random, calendar);
    case 'late_received':
      return drawLateDates(random, calendar);
    case 'regular':
    case 'former_member':
      return drawDates(random, calendar);
  }
}

function drawDates(random: Random, calendar: ServiceCalendar) {
  const startDay = random.int(calendar.firstServiceDay, calendar.lastServiceDay);
  const endDay = Math.min(startDay + drawSpanDays(random), calendar.lastServiceDay);
  // lastServiceDay < asOfDay, so the received date is strictly after service and never after asOf.
  const receivedDay = Math.min(endDay + random.int(1, 45), calendar.asOfDay);
  return { startDay, endDay, receivedDay };
}

/** Two to seven days, so that swapping the line's dates puts them out of order (the options guarantee two days). */
function drawMultiDayDates(random: Random, calendar: ServiceCalendar) {
  const startDay = random.int(calendar.firstServiceDay, calendar.lastServiceDay - 1);
  const endDay = Math.min(startDay + random.int(1, 6), calendar.lastServiceDay);
  const receivedDay = Math.min(endDay + random.int(1, 45), calendar.asOfDay);
  return { startDay, endDay, receivedDay };
}

/**
 * Service early enough that a receipt more than `lateFilingDays` later still falls on or before
 * asOf (the options guarantee the room), received up to six months past the limit.
 */
function drawLateDates(random: Random, calendar: ServiceCalendar) {
  const { firstServiceDay, lastServiceDay, asOfDay, lateFilingDays } = calendar;
  const lastEndDay = Math.min(lastServiceDay, asOfDay - lateFilingDays - 1);
  const startDay = random.int(firstServiceDay, lastEndDay);
  const endDay = Math.min(startDay + drawSpanDays(random), lastEndDay);
  const receivedDay = endDay + random.int(lateFilingDays + 1, Math.min(lateFilingDays + 180, asOfDay - endDay));
  return { startDay, endDay, receivedDay };
}

function drawFutureDates(random: Random, calendar: ServiceCalendar) {
  const horizon = calendar.asOfDay + FUTURE_HORIZON_DAYS;
  const startDay = calendar.asOfDay + random.int(1, FUTURE_HORIZON_DAYS);
  const endDay = Math.min(startDay + drawSpanDays(random), horizon);
  return { startDay, endDay, receivedDay: endDay + random.int(1, 30) };
}

function commonDiagnosesFor(pools: ReferencePools, ageDays: number): readonly string[] {
  if (ageDays < SURELY_CHILD_BELOW_DAYS) return pools.commonChildDiagnosisCodes;
  if (ageDays >= SURELY_ADULT_FROM_DAYS) return pools.commonAdultDiagnosisCodes;
  return pools.commonAnyAgeDiagnosisCodes;
}

/** One to four distinct codes; most from the common list for the patient's age, the rest from the whole valid set. */
function drawDiagnoses(
  random: Random,
  common: readonly string[],
  all: readonly string[],
): [string, string, string, string] {
  const band = random.next();
  const count = band < 0.35 ? 1 : band < 0.65 ? 2 : band < 0.85 ? 3 : 4;
  const codes: string[] = [];
  while (codes.length < count) {
    const source = common.length > 0 && random.chance(0.6) ? common : all;
    const code = random.pick(source);
    if (!codes.includes(code)) codes.push(code);
  }
  return [codes[0]!, codes[1] ?? '', codes[2] ?? '', codes[3] ?? ''];
}

/** The last day a future-dated claim can reach, for sizing the diagnosis pool. */
export function futureHorizonDay(asOfDay: number): number {
  return asOfDay + FUTURE_HORIZON_DAYS;
}
