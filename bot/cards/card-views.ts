/** Pieces several cards show alike, turned into plain strings for the templates. */
import type { PlenaryForm } from '../../src/domain/programme';
import type { Attendance } from '../../src/domain/rsvp';
import type { ContactData, MeetingData } from './card-data';
import type { CardLabels } from './card-texts';

// Type aliases, not interfaces: only these fit a template root's index signature.
export type Fact = { title: string; value: string };
export type ContactRow = { name: string; details: string };

export function placeText(meeting: MeetingData, t: CardLabels): string {
  if (meeting.form === 'virtual') return t.common.online;
  return meeting.place?.trim() || t.common.placeLater;
}

export function meetingFacts(meeting: MeetingData, t: CardLabels): Fact[] {
  return [
    { title: t.common.date, value: meeting.dateText },
    { title: t.common.time, value: meeting.timeText },
    { title: t.common.place, value: placeText(meeting, t) },
  ];
}

/** A missing link becomes a flag the template tests, never an unbound value. */
export function joinLink(meeting: MeetingData): { hasJoinUrl: boolean; joinUrl: string } {
  return { hasJoinUrl: meeting.joinUrl !== null, joinUrl: meeting.joinUrl ?? '' };
}

export function contactRows(contacts: readonly ContactData[]): ContactRow[] {
  return contacts.map((c) => ({ name: c.name, details: [c.title, c.phone, c.email].filter(Boolean).join(' · ') }));
}

/**
 * The answer the meeting's form offers is always counted; the other one only when somebody gave
 * it (the form changed after they answered), so nobody wonders about "Online: 0" at a physical meeting.
 */
export function attendanceFacts(attendance: Attendance, form: PlenaryForm, t: CardLabels): Fact[] {
  const rows: [keyof Attendance, boolean][] = [
    ['inPerson', form === 'physical'],
    ['online', form === 'virtual'],
    ['declined', true],
    ['notAnswered', true],
    ['answeredForEarlierDate', false],
  ];
  return rows
    .filter(([key, always]) => always || attendance[key] > 0)
    .map(([key]) => ({ title: t.counts[key], value: String(attendance[key]) }));
}
