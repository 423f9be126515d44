import { attendeesOf } from '../calendar/plan-events';
import type { Cohort } from '../domain/cohort';
import { findPlenary } from '../domain/cohort-rules';
import type { Role } from '../domain/identity';

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
  const known = new Map<string, Omit<NoticeRecipient, 'name' | 'email'>>();
  const claim = (email: string, who: Omit<NoticeRecipient, 'name' | 'email'>) => {
    const key = email.trim().toLowerCase();
    if (!known.has(key)) known.set(key, who);
  };
  // In the order the invitation lists them, so a leader who is also an advisor is said as the invitation has them.
  cohort.municipalities.forEach((m) =>
    m.participants.forEach((p) => p.person && claim(p.person.email, { role: p.contact ? 'leader' : 'participant', municipality: m.name })),
  );
  cohort.advisors.forEach((a) => claim(a.email, { role: 'advisor', municipality: null }));
  const recipients = attendeesOf(cohort).map((a) => ({ ...a, ...known.get(a.email.toLowerCase())! }));
  return { meetingId, booked: true, organizer: cohort.booking.organizer, recipients };
}
