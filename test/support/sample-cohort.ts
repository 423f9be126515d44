import { DEFAULT_SETTINGS, type Cohort, type Municipality, type Participant } from '../../src/domain/cohort';
import { meetingsFromTemplate } from '../../src/domain/cohort-rules';
import { PROGRAMME_2023 } from '../../src/domain/default-programme';

let counter = 0;
const id = (prefix: string) => `${prefix}-${++counter}`;

export function participant(name: string, email: string, contact = false): Participant {
  return {
    id: id('p'),
    role: contact ? 'line_leader' : 'consultant',
    contact,
    person: { name, email, phone: null, entraObjectId: null },
  };
}

export function municipality(name: string, people?: Participant[]): Municipality {
  const slug = name.toLowerCase().replace(/[^a-z]/g, '');
  return {
    id: id('m'),
    name,
    participants: people ?? [
      participant(`Leder i ${name}`, `leder@${slug}.example.org`, true),
      participant(`Konsulent i ${name}`, `konsulent@${slug}.example.org`),
    ],
    registration: null,
  };
}

/** The 2023 programme with fictional advisors and the given municipalities (three by default). */
export function sampleCohort(names = ['Aarhus Kommune', 'Odense Kommune', 'Vejle Kommune']): Cohort {
  return {
    id: id('c'),
    name: 'M-ACT 2023',
    edition: PROGRAMME_2023.edition,
    settings: DEFAULT_SETTINGS,
    advisors: [
      { id: id('a'), name: 'Rikke Rådgiver', title: 'Specialkonsulent', phone: '+45 11 22 33 44', email: 'rikke@agency.example.org', entraObjectId: '00000000-0000-0000-0000-0000000000a1' },
    ],
    meetings: meetingsFromTemplate(PROGRAMME_2023, () => id('meeting')),
    municipalities: names.map((n) => municipality(n)),
    rsvps: [],
    presentations: [],
    slotBookings: [],
    booking: null,
    erasedAt: null,
  };
}

export function meetingByKey(cohort: Cohort, key: string) {
  const meeting = cohort.meetings.find((m) => m.key === key);
  if (!meeting) throw new Error(`no meeting ${key}`);
  return meeting;
}
