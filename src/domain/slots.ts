import type { Cohort, IndividualMeeting, Municipality, SlotBooking } from './cohort';
import { erased, findMunicipality } from './cohort-rules';
import { DomainError } from './errors';
import { addMinutes, dateOf, localDateTime, minutesOfDay, timeOf, type Instant, type LocalDateTime } from './local-time';

/** A bookable hour of an individual meeting. */
export interface Slot {
  start: LocalDateTime;
  end: LocalDateTime;
}

/** When an advisor's calendar says they are not free; read from Outlook ahead of time. */
export interface BusyTime {
  start: LocalDateTime;
  end: LocalDateTime;
}

const overlaps = (a: Slot | BusyTime, b: Slot | BusyTime) => a.start < b.end && b.start < a.end;

export function individualMeeting(cohort: Cohort, meetingId: string): IndividualMeeting {
  const meeting = cohort.meetings.find((m) => m.id === meetingId);
  if (!meeting) throw new DomainError('unknown_meeting', { da: 'Mødet findes ikke i gruppeforløbet.', en: 'No such meeting in the cohort.' });
  if (meeting.kind === 'plenary') {
    throw new DomainError('not_an_individual_meeting', { da: 'Kun de individuelle møder bookes her.', en: 'Only the individual meetings are booked here.' });
  }
  return meeting;
}

/** The window's slots, day by day: `slotMinutes` long, `breakMinutes` apart, wholly inside the hours. */
export function windowSlots(meeting: IndividualMeeting, breakMinutes: number): Slot[] {
  const { days, from, to, slotMinutes } = meeting.schedule;
  const last = minutesOfDay(to) - slotMinutes;
  return days.flatMap((day) => {
    const slots: Slot[] = [];
    for (let start = localDateTime(day, from); minutesOfDay(timeOf(start)) <= last && dateOf(start) === day; start = addMinutes(start, slotMinutes + breakMinutes)) {
      slots.push({ start, end: addMinutes(start, slotMinutes) });
    }
    return slots;
  });
}

export function activeBooking(cohort: Cohort, meetingId: string, municipalityId: string): SlotBooking | undefined {
  return cohort.slotBookings.find((b) => b.meetingId === meetingId && b.municipalityId === municipalityId && !b.cancelled);
}

/** Every other municipality's booked hours, of any individual meeting: the advisors attend them all. */
function heldByOthers(cohort: Cohort, municipalityId: string): Slot[] {
  return cohort.slotBookings.flatMap((b) => {
    if (b.cancelled || b.municipalityId === municipalityId) return [];
    const meeting = cohort.meetings.find((m) => m.id === b.meetingId);
    return meeting && meeting.kind !== 'plenary' ? [{ start: b.start, end: addMinutes(b.start, meeting.schedule.slotMinutes) }] : [];
  });
}

function isMorning(slot: Slot): boolean {
  return minutesOfDay(timeOf(slot.start)) < 12 * 60;
}

/** Whether a slot is what the municipality wished for at registration (preparatory meeting only). */
export function isWished(municipality: Municipality, meeting: IndividualMeeting, slot: Slot): boolean {
  const wish = meeting.kind === 'preparatory' ? municipality.registration : null;
  if (!wish || dateOf(slot.start) !== wish.preparatoryDay) return false;
  return wish.timeOfDay === 'any' || (wish.timeOfDay === 'morning') === isMorning(slot);
}

/** The registration's wish first (its day and time of day, then the rest of its day), so the leader sees what they asked for. */
function wishFirst(municipality: Municipality, meeting: IndividualMeeting, slots: Slot[]): Slot[] {
  const wish = meeting.kind === 'preparatory' ? municipality.registration : null;
  if (!wish) return slots;
  const rank = (slot: Slot) => (isWished(municipality, meeting, slot) ? 0 : dateOf(slot.start) === wish.preparatoryDay ? 1 : 2);
  return [...slots].sort((a, b) => rank(a) - rank(b) || a.start.localeCompare(b.start));
}

/**
 * The slots a municipality may pick now: in the meeting's window, not begun, clear of the advisors'
 * busy time and of every other municipality's booking. The municipality's own booking stays
 * offered, so a rebook can keep to it.
 */
export function offeredSlots(cohort: Cohort, meetingId: string, municipalityId: string, busy: readonly BusyTime[], now: LocalDateTime): Slot[] {
  const meeting = individualMeeting(cohort, meetingId);
  const municipality = findMunicipality(cohort, municipalityId);
  const own = activeBooking(cohort, meetingId, municipalityId);
  const held = heldByOthers(cohort, municipalityId);
  const free = windowSlots(meeting, cohort.settings.slotBreakMinutes).filter(
    (slot) => slot.start > now && !held.some((h) => overlaps(h, slot)) && (slot.start === own?.start || !busy.some((b) => overlaps(b, slot))),
  );
  return wishFirst(municipality, meeting, free);
}

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;

function phoneFor(meeting: IndividualMeeting, given: string | null, known: string | null): string | null {
  if (meeting.form !== 'phone') return null;
  const phone = given?.trim() || known?.trim() || null;
  if (phone === null) {
    throw new DomainError('phone_required', { da: 'Opfølgningen er et telefonmøde: skriv det nummer, vi skal ringe til.', en: 'The follow-up is a phone call: give the number to call.' }, 'phone');
  }
  if (!PHONE.test(phone)) {
    throw new DomainError('phone_required', { da: `"${phone}" ligner ikke et telefonnummer, fx +45 12 34 56 78.`, en: `"${phone}" does not look like a phone number, e.g. +45 12 34 56 78.` }, 'phone');
  }
  return phone;
}

/**
 * The number a phone booking calls when the booker gives none: a leader's own; for an advisor
 * booking on a municipality's behalf, its first leader contact's that has one. A card asks for a
 * number exactly when neither this nor the municipality's earlier booking has one.
 */
export function bookerPhone(cohort: Cohort, booker: { role: string; personId: string }, municipalityId: string): string | null {
  const participants = cohort.municipalities.find((m) => m.id === municipalityId)?.participants ?? [];
  if (booker.role !== 'advisor') return participants.find((p) => p.id === booker.personId)?.person?.phone ?? null;
  return participants.find((p) => p.contact && p.person?.phone)?.person?.phone ?? null;
}

export interface SlotRequest {
  meetingId: string;
  municipalityId: string;
  start: LocalDateTime;
  /** Given with the request; else the booker's, else the one booked before. */
  phone: string | null;
  /** The leader or advisor booking, and their own phone number if the cohort knows it. */
  bookedBy: { id: string; phone: string | null };
  at: Instant;
}

function refusedSlot(cohort: Cohort, request: SlotRequest, meeting: IndividualMeeting): DomainError {
  const taken = heldByOthers(cohort, request.municipalityId).some((h) => overlaps(h, { start: request.start, end: addMinutes(request.start, meeting.schedule.slotMinutes) }));
  return taken
    ? new DomainError('slot_taken', { da: 'Tiden er lige blevet taget af en anden kommune. Vælg en anden.', en: 'The slot was just taken by another municipality. Pick another.' }, 'start')
    : new DomainError('slot_not_offered', { da: 'Den tid kan ikke længere vælges. Vælg en af de ledige tider.', en: 'That time can no longer be picked. Pick one of the free slots.' }, 'start');
}

/**
 * Books the municipality's slot, or moves its booking there (a rebook: the same Outlook event
 * follows). Booking after a cancel is a new generation: a new event. The same slot again changes
 * nothing, so a repeated press is harmless.
 */
export function bookSlot(cohort: Cohort, request: SlotRequest, busy: readonly BusyTime[], now: LocalDateTime): Cohort {
  if (cohort.erasedAt) throw erased();
  const meeting = individualMeeting(cohort, request.meetingId);
  const before = cohort.slotBookings.find((b) => b.meetingId === request.meetingId && b.municipalityId === request.municipalityId);
  const phone = phoneFor(meeting, request.phone, request.bookedBy.phone ?? before?.phone ?? null);
  if (before && !before.cancelled && before.start === request.start && before.phone === phone) return cohort;
  if (!offeredSlots(cohort, request.meetingId, request.municipalityId, busy, now).some((s) => s.start === request.start)) throw refusedSlot(cohort, request, meeting);
  const booking: SlotBooking = {
    meetingId: request.meetingId,
    municipalityId: request.municipalityId,
    start: request.start,
    phone,
    bookedBy: request.bookedBy.id,
    bookedAt: request.at,
    version: (before?.version ?? 0) + 1,
    generation: before === undefined ? 1 : before.cancelled ? before.generation + 1 : before.generation,
    cancelled: false,
  };
  // In the earlier booking's place, as an answer takes its: the order means nothing.
  return { ...cohort, slotBookings: before ? cohort.slotBookings.map((b) => (b === before ? booking : b)) : [...cohort.slotBookings, booking] };
}

/** Frees the slot; the Outlook event is cancelled. Cancelling what is not booked changes nothing. */
export function cancelSlot(cohort: Cohort, meetingId: string, municipalityId: string): Cohort {
  if (cohort.erasedAt) throw erased();
  individualMeeting(cohort, meetingId);
  const before = activeBooking(cohort, meetingId, municipalityId);
  if (!before) return cohort;
  return { ...cohort, slotBookings: cohort.slotBookings.map((b) => (b === before ? { ...b, cancelled: true, version: b.version + 1 } : b)) };
}
