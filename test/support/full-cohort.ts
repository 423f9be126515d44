import type { Cohort, Participant } from '../../src/domain/cohort';
import { parseInstant, parseLocalDate, parseLocalDateTime } from '../../src/domain/local-time';
import { movePlenary, moveWindow } from '../../src/domain/move-meeting';
import { setPresentationStatus } from '../../src/domain/presentations';
import { register } from '../../src/domain/registration';
import { recordRsvp } from '../../src/domain/rsvp';
import { bookCohort, cancelMeeting, reinstateMeeting } from '../../src/domain/booking';
import { meetingByKey, sampleCohort } from './sample-cohort';

let erasedCounter = 0;

/** A participant row as it stays after an erase: no person, role and contact kept. */
function erasedParticipant(): Participant {
  return { id: `p-erased-${++erasedCounter}`, role: 'partner', contact: false, person: null };
}

/**
 * The sample cohort with every part of the aggregate filled in: a registration, answers (one for a
 * date the meeting has since moved from), a presentation with a link, moved meetings of both kinds
 * with their history, a person with phone and Entra id, an erased participant, a booked
 * series with one plenary called off and another called off and booked again, and slot bookings:
 * the first municipality's follow-up call (rebooked, with a number to call) and the second's
 * preparatory meeting, booked by an advisor and cancelled after a second booking.
 */
export function fullCohort(names?: string[]): Cohort {
  const base = sampleCohort(names);
  const [first, second, third] = base.municipalities;
  if (!first || !second || !third) throw new Error('fullCohort needs three municipalities');
  const [leader, consultant] = first.participants;
  if (!leader?.person || !consultant?.person) throw new Error('sample municipalities have a leader and a consultant');
  const guest: Participant = {
    ...consultant,
    person: { ...consultant.person, phone: '+45 12 34 56 78', entraObjectId: '11111111-2222-3333-4444-555555555555' },
  };
  let cohort: Cohort = {
    ...base,
    settings: { cateringWorkingDays: 3, eraseAfterMonths: 12, presentationReminderDays: [10, 2], rsvpReminderDays: 1, slotBreakMinutes: 10 },
    municipalities: [{ ...first, participants: [leader, guest, erasedParticipant()] }, second, third],
  };
  const at = (iso: string) => parseInstant(iso);
  const opstart = meetingByKey(cohort, 'opstart').id;
  const refleksion1 = meetingByKey(cohort, 'refleksion-1').id;
  const secondConsultant = second.participants[1]!.id;

  cohort = register(cohort, first.id, { preparatoryDay: parseLocalDate('2023-04-25'), timeOfDay: 'morning' }, at('2023-04-01T08:00:00.000Z'));
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: leader.id, answer: 'in_person', dietaryNote: 'Vegetar', at: at('2023-04-20T09:15:00.000Z'), source: 'chat' }).cohort;
  cohort = recordRsvp(cohort, { meetingId: opstart, participantId: secondConsultant, answer: 'declined', dietaryNote: null, at: at('2023-04-21T09:15:00.000Z'), source: 'outlook' }).cohort;
  cohort = recordRsvp(cohort, { meetingId: refleksion1, participantId: guest.id, answer: 'online', dietaryNote: null, at: at('2023-05-10T12:00:00.000Z'), source: 'tab' }).cohort;
  cohort = movePlenary(cohort, refleksion1, parseLocalDateTime('2023-06-07T09:00'), at('2023-05-15T10:00:00.000Z'));
  cohort = moveWindow(cohort, meetingByKey(cohort, 'opfoelgning').id, [parseLocalDate('2024-01-10'), parseLocalDate('2024-01-12')], at('2023-11-01T10:00:00.000Z'));
  cohort = bookCohort(cohort, 'moeder@agency.example.org', at('2023-03-01T10:00:00.000Z'));
  cohort = cancelMeeting(cohort, meetingByKey(cohort, 'refleksion-3').id);
  const afslutning = meetingByKey(cohort, 'afslutning');
  cohort = reinstateMeeting(cancelMeeting(cohort, afslutning.id), afslutning.id, parseLocalDateTime('2023-11-01T09:30'), at('2023-10-01T10:00:00.000Z'));
  cohort = {
    ...cohort,
    slotBookings: [
      {
        meetingId: meetingByKey(cohort, 'opfoelgning').id,
        municipalityId: first.id,
        start: parseLocalDateTime('2024-01-10T10:15'),
        phone: '+45 87 65 43 21',
        bookedBy: leader.id,
        bookedAt: at('2023-11-02T08:30:00.000Z'),
        version: 2,
        generation: 1,
        cancelled: false,
      },
      {
        meetingId: meetingByKey(cohort, 'forberedende').id,
        municipalityId: second.id,
        start: parseLocalDateTime('2023-04-25T09:00'),
        phone: null,
        bookedBy: cohort.advisors[0]!.id,
        bookedAt: at('2023-04-10T12:00:00.000Z'),
        version: 4,
        generation: 2,
        cancelled: true,
      },
    ],
  };
  return setPresentationStatus(cohort, {
    meetingId: meetingByKey(cohort, 'refleksion-2').id,
    municipalityId: third.id,
    status: 'in_preparation',
    link: 'https://example.org/oplaeg',
    at: at('2023-08-01T07:00:00.000Z'),
  });
}
