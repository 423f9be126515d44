import { isWorkingDay } from './catering';
import { DEFAULT_SETTINGS, type Advisor, type Cohort } from './cohort';
import { assertCohort, meetingsFromTemplate } from './cohort-rules';
import { PROGRAMME_2023 } from './default-programme';
import { DomainError } from './errors';
import { identityKeys, isPerson, type Identity, type Membership } from './identity';
import { addDays, danishDate, dateOf, daysBetween, englishDate, localDateTime, timeOf, type LocalDate, type LocalDateTime } from './local-time';
import { isPlenary, type MeetingTemplate, type PlenaryTemplate, type ProgrammeTemplate } from './programme';

/** The programme editions a cohort can be made from. */
export const PROGRAMMES: readonly ProgrammeTemplate[] = [PROGRAMME_2023];

export function programmeOf(edition: string): ProgrammeTemplate | undefined {
  return PROGRAMMES.find((p) => p.edition === edition);
}

export function shiftMeeting(m: MeetingTemplate, days: number): MeetingTemplate {
  if (m.kind === 'plenary') {
    const start = localDateTime(addDays(dateOf(m.schedule.start), days), timeOf(m.schedule.start));
    return { ...m, schedule: { ...m.schedule, start } };
  }
  return { ...m, schedule: { ...m.schedule, days: m.schedule.days.map((d) => addDays(d, days)) } };
}

/** Whole weeks keep every weekday, and wall-clock times stay as they are across daylight saving. */
function shiftedWeeks(template: ProgrammeTemplate, weeks: number): ProgrammeTemplate {
  return { ...template, meetings: template.meetings.map((m) => shiftMeeting(m, weeks * 7)) };
}

const meetingDays = (t: ProgrammeTemplate) => t.meetings.flatMap((m) => (m.kind === 'plenary' ? [dateOf(m.schedule.start)] : m.schedule.days));

const kickoffOf = (template: ProgrammeTemplate): PlenaryTemplate | undefined => template.meetings.find(isPlenary);

/**
 * The programme moved by whole weeks so its kick-off (the first plenary) falls near `near`,
 * choosing the nearest shift that puts no meeting on a weekend or a Danish holiday.
 */
export function programmeNear(template: ProgrammeTemplate, near: LocalDate): ProgrammeTemplate {
  const kickoff = kickoffOf(template);
  if (!kickoff) return template;
  const weeks = Math.round(daysBetween(dateOf(kickoff.schedule.start), near) / 7);
  const candidates = [0, -1, 1, -2, 2].map((k) => shiftedWeeks(template, weeks + k));
  return candidates.find((t) => meetingDays(t).every(isWorkingDay)) ?? candidates[0]!;
}

/**
 * The plenaries at the starts given (by key; those not given keep theirs). Each individual meeting
 * follows its plenary — the one before it in the programme, else the one after (the preparatory
 * meeting the kick-off, the follow-up the closing meeting) — by whole weeks, so its offered days
 * keep their weekdays, rounded away from that plenary so they stay on their side of it.
 */
export function withPlenaryStarts(template: ProgrammeTemplate, starts: ReadonlyMap<string, LocalDateTime>): ProgrammeTemplate {
  const moved = (m: PlenaryTemplate): PlenaryTemplate => {
    const start = starts.get(m.key);
    return start === undefined ? m : { ...m, schedule: { ...m.schedule, start } };
  };
  const meetings = template.meetings.map((m, i): MeetingTemplate => {
    if (isPlenary(m)) return moved(m);
    const before = template.meetings.slice(0, i).filter(isPlenary).at(-1);
    const anchor = before ?? template.meetings.slice(i + 1).find(isPlenary);
    if (!anchor) return m;
    const days = daysBetween(dateOf(anchor.schedule.start), dateOf(moved(anchor).schedule.start));
    const weeks = before ? Math.ceil(days / 7) : Math.floor(days / 7);
    return shiftMeeting(m, weeks * 7);
  });
  return { ...template, meetings };
}

/** With no kick-off chosen, one this far ahead is proposed: time to register the municipalities and hold the preparatory meetings. */
const PROPOSED_WEEKS_AHEAD = 8;

/**
 * The dates proposed for a new cohort: the programme's pattern moved so its kick-off falls on the
 * day chosen (else some weeks ahead), the other meetings on their own weekdays, clear of holidays
 * where whole weeks allow.
 */
export function proposedProgramme(template: ProgrammeTemplate, kickoff: LocalDate | null, today: LocalDate): ProgrammeTemplate {
  const near = programmeNear(template, kickoff ?? addDays(today, PROPOSED_WEEKS_AHEAD * 7));
  const first = kickoffOf(near);
  if (kickoff === null || !first) return near;
  return withPlenaryStarts(near, new Map([[first.key, localDateTime(kickoff, timeOf(first.schedule.start))]]));
}

/** The advisor a new cohort starts with: who created it. */
export type Founder = Omit<Advisor, 'id'>;

/** The title a founder known only from their sign-in gets; advisors can be described better in the cohort later. */
const ADVISOR_TITLE = 'Rådgiver';

/**
 * Who may create a cohort: someone who already advises one (their record there is copied, title and
 * phone included), or whose address the installation lists as an advisor's. Null: nobody may.
 */
export function founderOf(
  cohorts: readonly Cohort[],
  memberships: readonly Membership[],
  identity: Identity,
  tokenName: string | null,
  advisorAddresses: readonly string[],
): Founder | null {
  const keys = identityKeys(identity);
  const advised = new Set(memberships.filter((m) => m.role === 'advisor').map((m) => m.cohortId));
  const known = cohorts.filter((c) => advised.has(c.id)).flatMap((c) => c.advisors).find((a) => isPerson(a, keys));
  if (known) {
    const { id: _id, ...founder } = known;
    return founder;
  }
  const address = keys.address;
  if (address === null || !advisorAddresses.some((a) => a.trim().toLowerCase() === address)) return null;
  return { name: tokenName?.trim() || address, title: ADVISOR_TITLE, email: address, phone: null, entraObjectId: identity.aadObjectId?.trim() || null };
}

export interface NewCohort {
  id: string;
  name: string;
  /** The programme with this cohort's dates. */
  programme: ProgrammeTemplate;
  founder: Founder;
}

/**
 * A cohort made from a programme, with its founder as its first advisor and no municipalities yet.
 * Every meeting must lie ahead: a cohort is created to be run, and invitations for a day gone by help nobody.
 */
export function newCohort(given: NewCohort, newId: () => string, today: LocalDate): Cohort {
  const first = meetingDays(given.programme).sort()[0];
  if (first !== undefined && first <= today) {
    throw new DomainError(
      'invalid_date',
      { da: `Alle møder skal ligge efter i dag; det første ligger ${danishDate(first)}.`, en: `Every meeting must lie after today; the first is on ${englishDate(first)}.` },
      'plenaries',
    );
  }
  return assertCohort({
    id: given.id,
    name: given.name.trim(),
    edition: given.programme.edition,
    settings: DEFAULT_SETTINGS,
    advisors: [{ id: newId(), ...given.founder }],
    meetings: meetingsFromTemplate(given.programme, newId),
    municipalities: [],
    rsvps: [],
    presentations: [],
    slotBookings: [],
    booking: null,
    erasedAt: null,
  });
}
