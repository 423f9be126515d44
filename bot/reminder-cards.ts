import type { Cohort, PlenaryMeeting } from '../src/domain/cohort';
import type { Texts } from '../src/domain/errors';
import { toLocal, type Instant } from '../src/domain/local-time';
import { activeBooking, bookerPhone, individualMeeting, offeredSlots, type BusyTime } from '../src/domain/slots';
import type { Reminder } from '../src/domain/reminders';
import { headcountData, plenaries, practicalData, presentationData, rsvpData, slotsData, type JoinUrls } from './card-models';
import { renderHeadcount, renderPractical, renderPresentation, renderRsvp, renderSlots, type AdaptiveCardJson, type CardLanguage } from './cards/render-card';

export type MessageCard = { ok: true; card: AdaptiveCardJson } | { ok: false; reason: Texts };

const CANCELLED: Texts = { da: 'ikke sendt: mødet er aflyst', en: 'not sent: the meeting is called off' };
const ERASED: Texts = { da: 'ikke sendt: gruppeforløbets persondata er slettet', en: "not sent: the cohort's personal data is erased" };
const SUPERSEDED: Texts = { da: 'ikke sendt: mødet er ændret siden, og en ny påmindelse følger', en: 'not sent: the meeting changed since, and a new reminder follows' };

function current(cohort: Cohort, meetingId: string, version: number): { ok: true; meeting: PlenaryMeeting } | { ok: false; reason: Texts } {
  if (cohort.erasedAt !== null) return { ok: false, reason: ERASED };
  const meeting = plenaries(cohort).find((m) => m.id === meetingId);
  if (meeting === undefined || meeting.cancelled) return { ok: false, reason: CANCELLED };
  if (meeting.version !== version) return { ok: false, reason: SUPERSEDED };
  return { ok: true, meeting };
}

/**
 * The card of a reminder as the cohort is when it goes out: today's head-count, today's answer.
 * A reminder the cohort has overtaken (the meeting called off or moved again) is not sent.
 */
export function reminderCard(cohort: Cohort, reminder: Reminder, lang: CardLanguage, joinUrls: JoinUrls, now: Instant, busy: readonly BusyTime[]): MessageCard {
  if (reminder.kind === 'booking') return bookingReminderCard(cohort, reminder, lang, now, busy);
  const found = current(cohort, reminder.meetingId, reminder.meetingVersion);
  if (!found.ok) return found;
  const { meeting } = found;
  const recipient = reminder.recipient;
  if (recipient.role === 'advisor') {
    const data = headcountData(cohort, meeting, lang, joinUrls, now);
    return data === null ? { ok: false, reason: CANCELLED } : { ok: true, card: renderHeadcount(data, lang) };
  }
  switch (reminder.kind) {
    case 'presentation':
      return { ok: true, card: renderPresentation(presentationData(cohort, meeting, recipient.municipalityId, lang, joinUrls, now), lang) };
    case 'practical':
      return { ok: true, card: renderPractical(practicalData(cohort, meeting, lang, joinUrls), lang) };
    default:
      return { ok: true, card: renderRsvp(rsvpData(cohort, meeting, recipient.participantId, lang, joinUrls, { moved: reminder.kind === 'moved' }), lang) };
  }
}

/**
 * The RSVP card shared in the cohort team's channel: it carries nobody's answer; Teams asks the bot
 * for each listed member's own version (refresh), and a press answers for whoever pressed.
 */
export function announcementCard(cohort: Cohort, meetingId: string, meetingVersion: number, userIds: readonly string[], joinUrls: JoinUrls): MessageCard {
  const found = current(cohort, meetingId, meetingVersion);
  if (!found.ok) return found;
  const sharedChat = userIds.length > 0 ? { userIds: [...userIds] } : null;
  return { ok: true, card: renderRsvp(rsvpData(cohort, found.meeting, '', 'da', joinUrls, { sharedChat }), 'da') };
}

const BOOKED: Texts = { da: 'ikke sendt: kommunen har allerede booket', en: 'not sent: the municipality has already booked' };

/** The slots card itself, as the leader would get it by asking: booking is one press away. */
function bookingReminderCard(cohort: Cohort, reminder: Reminder, lang: CardLanguage, now: Instant, busy: readonly BusyTime[]): MessageCard {
  const recipient = reminder.recipient;
  const municipality = recipient.role === 'participant' ? cohort.municipalities.find((m) => m.id === recipient.municipalityId) : undefined;
  if (cohort.erasedAt !== null) return { ok: false, reason: ERASED };
  if (municipality === undefined) return { ok: false, reason: SUPERSEDED };
  if (activeBooking(cohort, reminder.meetingId, municipality.id)) return { ok: false, reason: BOOKED };
  const meeting = individualMeeting(cohort, reminder.meetingId);
  const offer = { cohort, meeting, booking: undefined, slots: offeredSlots(cohort, meeting.id, municipality.id, busy, toLocal(now)) };
  const phoneKnown = recipient.role === 'participant' && bookerPhone(cohort, { role: 'leader', personId: recipient.participantId }, municipality.id) !== null;
  return { ok: true, card: renderSlots(slotsData(offer, municipality, lang, null, phoneKnown), lang) };
}
