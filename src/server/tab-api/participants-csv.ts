import { ANSWER_NAMES } from '../../domain/answer-names';
import type { Cohort, PlenaryMeeting } from '../../domain/cohort';
import { dateOf } from '../../domain/local-time';
import { PARTICIPANT_ROLE_NAMES } from '../../domain/participant-roles';
import { isForCurrentDate } from '../../domain/rsvp';

/**
 * The cohort's participants for a spreadsheet, as Danish Excel opens a file on a double click:
 * UTF-8 with a byte order mark (else æøå come out garbled), `;` between cells (the comma is the
 * decimal sign there), CRLF between rows.
 */
const BOM = '\uFEFF';
const SEPARATOR = ';';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one)
 * is kept as text by a leading apostrophe: a participant's name must never become a command.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const row = (cells: readonly string[]) => cells.map(cell).join(SEPARATOR);

const danishDay = (meeting: PlenaryMeeting) => dateOf(meeting.schedule.start).split('-').reverse().join('-');

/** One row per participant: municipality, name, role, leader contact, e-mail, then the answer to each plenary. */
export function participantsCsv(cohort: Cohort): string {
  const plenaries = cohort.meetings.filter((m): m is PlenaryMeeting => m.kind === 'plenary');
  const head = ['Kommune', 'Navn', 'Rolle', 'Tovholder/leder', 'E-mail', ...plenaries.map((m) => `${m.title.da} ${danishDay(m)}${m.cancelled ? ' (aflyst)' : ''}`)];
  const answer = (participantId: string, meeting: PlenaryMeeting): string => {
    const rsvp = cohort.rsvps.find((r) => r.meetingId === meeting.id && r.participantId === participantId);
    if (!rsvp) return '';
    return isForCurrentDate(rsvp, meeting) ? ANSWER_NAMES[rsvp.answer].da : `${ANSWER_NAMES[rsvp.answer].da} (svar til tidligere dato)`;
  };
  const rows = cohort.municipalities.flatMap((m) =>
    m.participants.map((p) => [m.name, p.person?.name ?? '', PARTICIPANT_ROLE_NAMES[p.role].da, p.contact ? 'Ja' : 'Nej', p.person?.email ?? '', ...plenaries.map((meeting) => answer(p.id, meeting))]),
  );
  return BOM + [head, ...rows].map(row).join('\r\n') + '\r\n';
}

/** The file's name: the cohort's id, reduced to what every file system and header takes. */
export function participantsFileName(cohort: Cohort): string {
  return `deltagere-${cohort.id.replace(/[^A-Za-z0-9_-]+/g, '-')}.csv`;
}
