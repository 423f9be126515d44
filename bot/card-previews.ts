import { firstName, type Cohort, type IndividualMeeting, type Municipality, type Participant, type PlenaryMeeting, type SlotBooking } from '../src/domain/cohort';
import type { Texts } from '../src/domain/errors';
import { findMemberships } from '../src/domain/identity';
import { addMinutes, toLocal, type Instant } from '../src/domain/local-time';
import type { Recipient, Reminder, ReminderKind } from '../src/domain/reminders';
import { activeBooking, windowSlots, type BusyTime } from '../src/domain/slots';
import type { CardPreviewKind } from '../src/server/tab-api/card-preview-kinds';
import { plenaries, roleOf, slotBookedData, type JoinUrls } from './card-models';
import { renderSlotBooked, renderWelcome, type AdaptiveCardJson, type CardLanguage } from './cards/render-card';
import { reminderCard, type MessageCard } from './reminder-cards';

export interface CardPreview {
  kind: CardPreviewKind;
  /** Whose copy it is: cards carry the reader's own first name, answer and municipality. */
  recipient: string;
  /** The meeting it is about; null for the welcome. */
  meeting: string | null;
  /** Null when the bot would not send this card now; `notSent` says why. */
  card: AdaptiveCardJson | null;
  notSent: Texts | null;
}

interface Reader {
  participant: Participant;
  municipality: Municipality;
}

/** Leaders first: they get every card a participant gets, and the booking cards besides. */
function readers(cohort: Cohort): Reader[] {
  const all = cohort.municipalities.flatMap((municipality) => municipality.participants.map((participant) => ({ participant, municipality })));
  return [...all.filter((r) => r.participant.contact), ...all.filter((r) => !r.participant.contact)];
}

function readerName({ participant, municipality }: Reader): string {
  return participant.person ? `${participant.person.name}, ${municipality.name}` : municipality.name;
}

const asParticipant = ({ participant, municipality }: Reader): Recipient => ({ role: 'participant', participantId: participant.id, municipalityId: municipality.id });

/** The next plenary that fits and is not called off; once the programme is over, its last one. */
function plenaryFor(cohort: Cohort, now: Instant, fits: (meeting: PlenaryMeeting) => boolean): PlenaryMeeting | undefined {
  const live = plenaries(cohort).filter((m) => !m.cancelled && fits(m));
  return live.find((m) => addMinutes(m.schedule.start, m.schedule.durationMinutes) > toLocal(now)) ?? live.at(-1);
}

/** A reminder as the planner would make it; it is never stored, so nothing is sent or marked as sent. */
function reminder(kind: ReminderKind, cohort: Cohort, meeting: { id: string; version: number }, recipient: Recipient): Reminder {
  return { key: `preview:${kind}:${meeting.id}`, kind, cohortId: cohort.id, meetingId: meeting.id, meetingVersion: meeting.version, recipient, daysBefore: 0 };
}

function preview(kind: CardPreviewKind, recipient: string, meeting: string | null, message: MessageCard): CardPreview {
  return message.ok ? { kind, recipient, meeting, card: message.card, notSent: null } : { kind, recipient, meeting, card: null, notSent: message.reason };
}

/**
 * The municipality's real booking when there is one; else the window's first slot for the first
 * leader, so the confirmation can be seen before anyone has booked. Nothing is booked by it.
 */
function confirmationOf(cohort: Cohort, meeting: IndividualMeeting, reader: Reader, now: Instant): { booking: SlotBooking; municipality: Municipality } | null {
  const booked = cohort.slotBookings.find((b) => b.meetingId === meeting.id && !b.cancelled);
  const bookedBy = cohort.municipalities.find((m) => m.id === booked?.municipalityId);
  if (booked && bookedBy) return { booking: booked, municipality: bookedBy };
  const first = windowSlots(meeting, cohort.settings.slotBreakMinutes)[0];
  if (!first) return null;
  const booking: SlotBooking = {
    meetingId: meeting.id,
    municipalityId: reader.municipality.id,
    start: first.start,
    phone: meeting.form === 'phone' ? (reader.participant.person?.phone ?? null) : null,
    bookedBy: reader.participant.id,
    bookedAt: now,
    version: 1,
    generation: 1,
    cancelled: false,
  };
  return { booking, municipality: reader.municipality };
}

/**
 * Each card the bot sends, rendered by the bot's own functions from the cohort as it is now: the
 * reminders exactly as `reminderCard` would send them to a leader (or, for the head-count, an
 * advisor), plus the welcome and the booking confirmation. Pure: nothing is sent or recorded.
 */
export function cardPreviews(cohort: Cohort, lang: CardLanguage, joinUrls: JoinUrls, busy: readonly BusyTime[], now: Instant): CardPreview[] {
  const everyone = readers(cohort);
  const reader = everyone[0];
  if (!reader) return [];
  const name = readerName(reader);
  const previews: CardPreview[] = [];
  const person = reader.participant.person;
  const role = roleOf(person ? findMemberships([cohort], { email: person.email }) : []);
  previews.push({ kind: 'welcome', recipient: name, meeting: null, card: renderWelcome({ firstName: firstName(person?.name), role }, lang), notSent: null });

  const card = (kind: ReminderKind, meeting: { id: string; version: number }, recipient: Recipient) => reminderCard(cohort, reminder(kind, cohort, meeting, recipient), lang, joinUrls, now, busy);
  const next = plenaryFor(cohort, now, () => true);
  const withPresentations = plenaryFor(cohort, now, (m) => m.presentations);
  const physical = plenaryFor(cohort, now, (m) => m.form === 'physical');
  if (next) {
    previews.push(preview('rsvp', name, next.title[lang], card('rsvp', next, asParticipant(reader))));
    previews.push(preview('moved', name, next.title[lang], card('moved', next, asParticipant(reader))));
  }
  if (withPresentations) previews.push(preview('presentation', name, withPresentations.title[lang], card('presentation', withPresentations, asParticipant(reader))));
  if (physical) {
    previews.push(preview('practical', name, physical.title[lang], card('practical', physical, asParticipant(reader))));
    const advisor = cohort.advisors[0];
    if (advisor) previews.push(preview('headcount', advisor.name, physical.title[lang], card('headcount', physical, { role: 'advisor', advisorId: advisor.id })));
  }

  const individual = cohort.meetings.filter((m): m is IndividualMeeting => m.kind !== 'plenary');
  for (const meeting of individual) {
    // A municipality that has booked gets no booking reminder: show one that has not, if any.
    const booker = everyone.find((r) => r.participant.contact && !activeBooking(cohort, meeting.id, r.municipality.id)) ?? reader;
    previews.push(preview('booking', readerName(booker), meeting.title[lang], card('booking', meeting, asParticipant(booker))));
  }
  const [first] = individual;
  const confirmation = first && confirmationOf(cohort, first, reader, now);
  if (first && confirmation) {
    const data = slotBookedData(cohort, first, confirmation.municipality, confirmation.booking, lang, true);
    previews.push({ kind: 'confirmation', recipient: confirmation.municipality.name, meeting: first.title[lang], card: renderSlotBooked(data, lang), notSent: null });
  }
  return previews;
}
