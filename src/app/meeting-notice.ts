import { attendeesOf } from '../calendar/plan-events';
import type { Cohort } from '../domain/cohort';
import { findPlenary } from '../domain/cohort-rules';
import { peopleOf, type Role } from '../domain/identity';

export interface NoticeRecipient {
  name: string;
  email: string;
  role: Role;
  /** Null for an advisor. */
  municipality: string | null;
}

export interface MeetingNotice {
  meetingId: string;
  /** Whether the meeting has a live Outlook invitation that a change updates; if not, nobody is told yet. */
  booked: boolean;
  organizer: string | null;
  recipients: NoticeRecipient[];
}

/**
 * Who a change to a plenary reaches, shown to the advisor before they make it: the attendees of its
 * Outlook invitation, exactly as the calendar plan invites them, each said as who they are in the
 * cohort. Before the series is booked, or for a called-off meeting, there is no invitation to update.
 */
export function meetingNotice(cohort: Cohort, meetingId: string): MeetingNotice {
  const meeting = findPlenary(cohort, meetingId, { da: 'Kun fællesmøder har en invitation i Outlook.', en: 'Only plenary meetings have an Outlook invitation.' });
  if (cohort.booking === null || meeting.cancelled || cohort.erasedAt !== null) {
    return { meetingId, booked: false, organizer: null, recipients: [] };
  }
  const municipalities = new Map(cohort.municipalities.map((m) => [m.id, m.name]));
  // The cohort's rules give each address to one person only, so each attendee is exactly one of them.
  const byAddress = new Map(peopleOf(cohort).map((p) => [p.person.email.trim().toLowerCase(), p]));
  const recipients = attendeesOf(cohort).map((a): NoticeRecipient => {
    const { role, municipalityId } = byAddress.get(a.email.toLowerCase())!;
    return { ...a, role, municipality: municipalityId === null ? null : municipalities.get(municipalityId)! };
  });
  return { meetingId, booked: true, organizer: cohort.booking.organizer, recipients };
}
