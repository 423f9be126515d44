import type { NewId } from '../app/ids';
import type { Cohort, Municipality } from '../domain/cohort';
import { PROGRAMME_2023 } from '../domain/default-programme';
import { addDays, localDateTime, parseLocalTime, toInstant, type Instant, type LocalDate } from '../domain/local-time';
import { movePlenary } from '../domain/move-meeting';
import { newCohort } from '../domain/new-cohort';
import { setPresentationStatus } from '../domain/presentations';
import { isPlenary, type ProgrammeTemplate } from '../domain/programme';
import { programmeNear, shiftMeeting } from '../domain/programme-dates';
import { preparatoryMeeting, register } from '../domain/registration';
import { recordRsvp } from '../domain/rsvp';
import { DEMO_ADVISORS, DEMO_MUNICIPALITIES, type DemoPerson } from './demo-people';

export const DEMO_COHORT_ID = 'demo';
const MOVED_KEY = 'refleksion-1';
const WEEKS_AHEAD = 4;

/** The 2023 programme with its kick-off about four weeks after `today`, clear of weekends and Danish holidays. */
export function demoProgramme(today: LocalDate): ProgrammeTemplate {
  return programmeNear(PROGRAMME_2023, addDays(today, WEEKS_AHEAD * 7));
}

const ascii = (s: string) =>
  s.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');

function municipality(name: string, people: readonly DemoPerson[], newId: NewId): Municipality {
  const domain = `${ascii(name.replace(/ Kommune$/, ''))}.example.org`;
  const participants = people.map((p) => ({
    id: newId(),
    role: p.role,
    contact: p.contact ?? false,
    person: { name: p.name, email: `${ascii(p.name)}@${domain}`, phone: p.phone ?? null, entraObjectId: null },
  }));
  return { id: newId(), name, participants, registration: null };
}

/**
 * The fictional advisors and municipalities of the demo cohort, before anything happens in it: made
 * as any new cohort is, by its first advisor, and joined by the others.
 */
function demoBase(programme: ProgrammeTemplate, today: LocalDate, newId: NewId): Cohort {
  const [founder, ...others] = DEMO_ADVISORS.map((a) => ({ ...a, email: `${ascii(a.name)}@styrelsen.example.org`, entraObjectId: null }));
  const cohort = newCohort({ id: DEMO_COHORT_ID, name: 'Demo: Organisering af M-ACT', programme, founder: founder! }, newId, today);
  return {
    ...cohort,
    advisors: [...cohort.advisors, ...others.map((a) => ({ id: newId(), ...a }))],
    municipalities: DEMO_MUNICIPALITIES.map((m) => municipality(m.name, m.people, newId)),
  };
}

/**
 * The demo cohort a few weeks before its kick-off: some municipalities registered, answers given
 * (one for a date that then moved), presentations under way. Built with the domain's own
 * operations, so the demo obeys the same rules as a real cohort.
 */
export function demoCohort(today: LocalDate, newId: NewId): Cohort {
  const at = (daysAgo: number, time: string): Instant => toInstant(localDateTime(addDays(today, -daysAgo), parseLocalTime(time)));
  const programme = demoProgramme(today);
  // The reflection meeting was first planned a week earlier, so the demo shows a "ny dato".
  const planned = { ...programme, meetings: programme.meetings.map((m) => (m.key === MOVED_KEY ? shiftMeeting(m, -7) : m)) };
  let cohort = demoBase(planned, today, newId);
  const meeting = (key: string) => cohort.meetings.find((m) => m.key === key)!;
  const town = (name: string) => cohort.municipalities.find((m) => m.name === name)!.id;
  const person = (name: string) => cohort.municipalities.flatMap((m) => m.participants).find((p) => p.person?.name === name)!.id;
  const offered = preparatoryMeeting(cohort)!.schedule.days;

  cohort = register(cohort, town('Horsens Kommune'), { preparatoryDay: offered[0]!, timeOfDay: 'morning' }, at(20, '10:12'));
  cohort = register(cohort, town('Kolding Kommune'), { preparatoryDay: offered[1]!, timeOfDay: 'afternoon' }, at(18, '14:40'));
  cohort = register(cohort, town('Silkeborg Kommune'), { preparatoryDay: offered[0]!, timeOfDay: 'any' }, at(15, '08:55'));

  const answer = (key: string, name: string, answer: 'in_person' | 'online' | 'declined', daysAgo: number, source: 'chat' | 'tab' | 'outlook' | 'link', dietaryNote: string | null = null) => {
    cohort = recordRsvp(cohort, { meetingId: meeting(key).id, participantId: person(name), answer, dietaryNote, at: at(daysAgo, '11:30'), source }).cohort;
  };
  answer('opstart', 'Lone Bach', 'in_person', 12, 'chat', 'Vegetar');
  answer('opstart', 'Kasper Holm', 'in_person', 11, 'outlook');
  answer('opstart', 'Henrik Thomsen', 'in_person', 9, 'tab');
  answer('opstart', 'Sara Nørgaard', 'declined', 9, 'chat');
  answer('opstart', 'Tina Frost', 'in_person', 7, 'link', 'Glutenfri');
  answer('opstart', 'Anja Kristoffersen', 'in_person', 6, 'chat');
  answer('refleksion-1', 'Birgitte Lund', 'online', 12, 'outlook');

  // "Ny dato": Birgitte's answer stays, given for the old date; the others answer for the new one.
  const start = programme.meetings.filter(isPlenary).find((m) => m.key === MOVED_KEY)!.schedule.start;
  cohort = movePlenary(cohort, meeting(MOVED_KEY).id, start, at(10, '09:05'));
  answer('refleksion-1', 'Lone Bach', 'online', 5, 'chat');
  answer('refleksion-1', 'Jesper Mølgaard', 'declined', 4, 'tab');

  const report = (name: string, status: 'in_preparation' | 'ready', daysAgo: number, link: string | null = null) => {
    cohort = setPresentationStatus(cohort, { meetingId: meeting('refleksion-1').id, municipalityId: town(name), status, link, at: at(daysAgo, '15:20') });
  };
  report('Horsens Kommune', 'in_preparation', 3);
  report('Kolding Kommune', 'ready', 2, 'https://example.org/oplaeg/kolding-refleksion-1.pdf');
  report('Næstved Kommune', 'in_preparation', 1);
  return cohort;
}
