import { cateringDeadline, cateringList } from '../src/domain/catering';
import type { SlotOffer } from '../src/app/slot-booking';
import type { Cohort, IndividualMeeting, Municipality, PlenaryMeeting, SlotBooking } from '../src/domain/cohort';
import { activeBooking, isWished } from '../src/domain/slots';
import { presentationTasks } from '../src/domain/presentations';
import type { Membership } from '../src/domain/identity';
import { addMinutes, danishDate, dateOf, daysBetween, englishDate, timeOf, toLocal, type Instant, type LocalDateTime } from '../src/domain/local-time';
import { attendance, isForCurrentDate } from '../src/domain/rsvp';
import type {
  CardLanguage,
  CardRole,
  ContactData,
  HeadcountCardData,
  IndividualMeetingData,
  MeetingData,
  MeetingsCardItem,
  MyAnswerData,
  PracticalCardData,
  PresentationCardData,
  RsvpCardData,
  SharedChatData,
  SlotBookedCardData,
  SlotsCardData,
  StatusCardData,
} from './cards/card-data';

/** Teams meeting links by meeting id, as Graph reported them when the events were made. */
export type JoinUrls = ReadonlyMap<string, string>;

export const dateText = (start: LocalDateTime, lang: CardLanguage) => (lang === 'da' ? danishDate(dateOf(start)) : englishDate(dateOf(start)));

/** Danish writes times with a full stop: 9.30–15.30. */
function clock(time: string, lang: CardLanguage): string {
  const [h, m] = time.split(':');
  return lang === 'da' ? `${Number(h)}.${m}` : `${Number(h)}:${m}`;
}

export function dateTimeText(at: LocalDateTime, lang: CardLanguage): string {
  return lang === 'da' ? `${dateText(at, lang)} kl. ${clock(timeOf(at), lang)}` : `${dateText(at, lang)}, ${clock(timeOf(at), lang)}`;
}

export function meetingData(cohort: Cohort, meeting: PlenaryMeeting, lang: CardLanguage, joinUrls: JoinUrls): MeetingData {
  const { start, durationMinutes } = meeting.schedule;
  return {
    cohortId: cohort.id,
    meetingId: meeting.id,
    version: meeting.version,
    title: meeting.title[lang],
    dateText: dateText(start, lang),
    timeText: `${clock(timeOf(start), lang)}–${clock(timeOf(addMinutes(start, durationMinutes)), lang)}`,
    form: meeting.form,
    place: meeting.form === 'physical' && meeting.place.trim() !== '' ? meeting.place : null,
    joinUrl: joinUrls.get(meeting.id) ?? null,
  };
}

export function contactsOf(cohort: Cohort): ContactData[] {
  return cohort.advisors.map((a) => ({ name: a.name, title: a.title, email: a.email, phone: a.phone }));
}

export function roleOf(memberships: readonly Membership[]): CardRole {
  if (memberships.some((m) => m.role === 'advisor')) return 'advisor';
  return memberships.some((m) => m.role === 'leader') ? 'leader' : 'participant';
}

function myAnswer(cohort: Cohort, meeting: PlenaryMeeting, participantId: string): { answer: MyAnswerData | null; note: string | null } {
  const rsvp = cohort.rsvps.find((r) => r.meetingId === meeting.id && r.participantId === participantId);
  if (!rsvp) return { answer: null, note: null };
  const forEarlierDate = !isForCurrentDate(rsvp, meeting);
  return { answer: { answer: rsvp.answer, forEarlierDate }, note: forEarlierDate ? null : rsvp.dietaryNote };
}

export function plenaries(cohort: Cohort): PlenaryMeeting[] {
  return cohort.meetings.filter((m): m is PlenaryMeeting => m.kind === 'plenary');
}

/** Coming: not yet over. A meeting in progress still counts, for its join link. */
function coming(meeting: PlenaryMeeting, now: Instant): boolean {
  return addMinutes(meeting.schedule.start, meeting.schedule.durationMinutes) > toLocal(now);
}

export interface RsvpView {
  moved?: boolean;
  confirmation?: boolean;
  /** The card sits in the team's channel: the members Teams shows their own version to. */
  sharedChat?: SharedChatData | null;
}

export function rsvpData(cohort: Cohort, meeting: PlenaryMeeting, participantId: string, lang: CardLanguage, joinUrls: JoinUrls, view: RsvpView = {}): RsvpCardData {
  const mine = myAnswer(cohort, meeting, participantId);
  const counts = attendance(cohort, meeting.id);
  const deadline = cateringDeadline(cohort, meeting);
  return {
    meeting: meetingData(cohort, meeting, lang, joinUrls),
    cancelled: meeting.cancelled,
    moved: view.moved ?? false,
    cateringDeadlineText: deadline === null ? null : dateTimeText(deadline, lang),
    myAnswer: mine.answer,
    myDietaryNote: mine.note,
    coming: counts.inPerson + counts.online,
    confirmation: view.confirmation ?? false,
    sharedChat: view.sharedChat ?? null,
  };
}

const PREPARATION = {
  da: 'Forbered kommunens korte oplæg (ca. 10 minutter): hvor står I i arbejdet, hvad er lykkedes, og hvad vil I gerne have sparring på?',
  en: "Prepare your municipality's short presentation (about 10 minutes): where you are, what has worked, and what you would like sparring on.",
};

function daysUntil(meeting: PlenaryMeeting, now: Instant): number {
  return Math.max(0, daysBetween(dateOf(toLocal(now)), dateOf(meeting.schedule.start)));
}

export function presentationData(
  cohort: Cohort,
  meeting: PlenaryMeeting,
  municipalityId: string,
  lang: CardLanguage,
  joinUrls: JoinUrls,
  now: Instant,
  confirmation = false,
): PresentationCardData {
  const municipality = cohort.municipalities.find((m) => m.id === municipalityId);
  const task = presentationTasks(cohort).find((p) => p.meetingId === meeting.id && p.municipalityId === municipalityId);
  return {
    meeting: meetingData(cohort, meeting, lang, joinUrls),
    themes: meeting.themes,
    preparation: PREPARATION[lang],
    municipalityId,
    municipalityName: municipality?.name ?? '',
    status: task?.status ?? 'not_started',
    link: task?.link ?? null,
    daysLeft: daysUntil(meeting, now),
    confirmation,
    sharedChat: null,
  };
}

export function statusData(cohort: Cohort, lang: CardLanguage, joinUrls: JoinUrls, now: Instant): StatusCardData {
  const tasks = presentationTasks(cohort);
  const names = new Map(cohort.municipalities.map((m) => [m.id, m.name]));
  return {
    cohortName: cohort.name,
    meetings: plenaries(cohort)
      .filter((m) => coming(m, now))
      .map((meeting) => ({
        meeting: meetingData(cohort, meeting, lang, joinUrls),
        cancelled: meeting.cancelled,
        attendance: attendance(cohort, meeting.id),
        presentations: tasks
          .filter((t) => t.meetingId === meeting.id)
          .map((t) => ({ municipalityName: names.get(t.municipalityId) ?? '', status: t.status, link: t.link })),
      })),
    individual: cohort.meetings
      .filter((m): m is IndividualMeeting => m.kind !== 'plenary')
      .map((meeting) => ({
        title: meeting.title[lang],
        rows: cohort.municipalities.map((m) => {
          const booking = activeBooking(cohort, meeting.id, m.id);
          return { municipalityName: m.name, bookedText: booking ? slotText(booking.start, meeting.schedule.slotMinutes, lang) : null };
        }),
      })),
  };
}

/** The person's coming plenaries across their cohorts, soonest first; advisors see all of their cohorts'. */
export function meetingsItems(cohorts: readonly Cohort[], memberships: readonly Membership[], lang: CardLanguage, joinUrls: JoinUrls, now: Instant): MeetingsCardItem[] {
  return cohorts
    .flatMap((cohort) => {
      const member = memberships.find((m) => m.cohortId === cohort.id && m.role !== 'advisor');
      return plenaries(cohort)
        .filter((m) => coming(m, now))
        .map((meeting) => ({
          start: meeting.schedule.start,
          item: {
            meeting: meetingData(cohort, meeting, lang, joinUrls),
            cohortName: cohort.name,
            cancelled: meeting.cancelled,
            myAnswer: member ? myAnswer(cohort, meeting, member.personId).answer : null,
          },
        }));
    })
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((entry) => entry.item);
}

export function headcountData(cohort: Cohort, meeting: PlenaryMeeting, lang: CardLanguage, joinUrls: JoinUrls, now: Instant): HeadcountCardData | null {
  const list = cateringList(cohort, meeting);
  if (list === null) return null;
  const late = cohort.rsvps.some((r) => r.meetingId === meeting.id && isForCurrentDate(r, meeting) && toLocal(r.answeredAt) >= list.deadline);
  return {
    meeting: meetingData(cohort, meeting, lang, joinUrls),
    deadlineText: dateTimeText(list.deadline, lang),
    attendance: attendance(cohort, meeting.id),
    advisors: list.advisors,
    dietaryNotes: list.dietaryNotes,
    changedAfterDeadline: late && toLocal(now) >= list.deadline,
  };
}

export function practicalData(cohort: Cohort, meeting: PlenaryMeeting, lang: CardLanguage, joinUrls: JoinUrls): PracticalCardData {
  return { meeting: meetingData(cohort, meeting, lang, joinUrls), contacts: contactsOf(cohort) };
}

const DURATION = { da: (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} time${minutes === 60 ? '' : 'r'}` : `${minutes} minutter`), en: (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`) };

export function individualMeetingData(cohort: Cohort, meeting: IndividualMeeting, lang: CardLanguage): IndividualMeetingData {
  return {
    cohortId: cohort.id,
    meetingId: meeting.id,
    title: meeting.title[lang],
    kind: meeting.kind,
    form: meeting.form,
    durationText: DURATION[lang](meeting.schedule.slotMinutes),
  };
}

/** "tirsdag 25. april 2023 kl. 9.00–10.00". */
export function slotText(start: LocalDateTime, minutes: number, lang: CardLanguage): string {
  const end = clock(timeOf(addMinutes(start, minutes)), lang);
  return lang === 'da' ? `${dateText(start, lang)} kl. ${clock(timeOf(start), lang)}–${end}` : `${dateText(start, lang)}, ${clock(timeOf(start), lang)}–${end}`;
}

export function slotsData(offer: SlotOffer, municipality: Municipality, lang: CardLanguage, notice: SlotsCardData['notice'], phoneKnown: boolean): SlotsCardData {
  const { cohort, meeting, booking } = offer;
  const minutes = meeting.schedule.slotMinutes;
  return {
    meeting: individualMeetingData(cohort, meeting, lang),
    municipalityId: municipality.id,
    municipalityName: municipality.name,
    currentText: booking ? slotText(booking.start, minutes, lang) : null,
    choices: offer.slots.map((slot) => ({ start: slot.start, label: slotText(slot.start, minutes, lang), wished: isWished(municipality, meeting, slot) })),
    askPhone: meeting.form === 'phone' && !phoneKnown,
    notice,
  };
}

export function slotBookedData(cohort: Cohort, meeting: IndividualMeeting, municipality: Municipality, booking: SlotBooking, lang: CardLanguage, confirmation: boolean): SlotBookedCardData {
  return {
    meeting: individualMeetingData(cohort, meeting, lang),
    municipalityId: municipality.id,
    municipalityName: municipality.name,
    whenText: slotText(booking.start, meeting.schedule.slotMinutes, lang),
    phone: booking.phone,
    confirmation,
    cancelled: booking.cancelled,
  };
}
