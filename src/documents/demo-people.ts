import type { ParticipantRole } from '../domain/cohort';

/** Fictional people only: the demo never names anyone real. Addresses are made under example.org. */
export interface DemoPerson {
  name: string;
  role: ParticipantRole;
  contact?: boolean;
  phone?: string;
}

export const DEMO_ADVISORS = [
  { name: 'Signe Vestergaard', title: 'Specialkonsulent', phone: '+45 20 00 00 01' },
  { name: 'Morten Aagaard', title: 'Specialkonsulent', phone: '+45 20 00 00 02' },
];

export const DEMO_MUNICIPALITIES: { name: string; people: DemoPerson[] }[] = [
  {
    name: 'Horsens Kommune',
    people: [
      { name: 'Lone Bach', role: 'line_leader', contact: true, phone: '+45 20 00 01 01' },
      { name: 'Kasper Holm', role: 'mact_coordinator' },
      { name: 'Birgitte Lund', role: 'consultant' },
    ],
  },
  {
    name: 'Kolding Kommune',
    people: [
      { name: 'Henrik Thomsen', role: 'professional_leader', contact: true, phone: '+45 20 00 02 01' },
      { name: 'Sara Nørgaard', role: 'project_leader', contact: true },
      { name: 'Ali Demir', role: 'partner' },
    ],
  },
  {
    name: 'Næstved Kommune',
    people: [
      { name: 'Tina Frost', role: 'line_leader', contact: true, phone: '+45 20 00 03 01' },
      { name: 'Mikkel Skov', role: 'mact_coordinator' },
    ],
  },
  {
    name: 'Silkeborg Kommune',
    people: [
      { name: 'Anja Kristoffersen', role: 'professional_leader', contact: true },
      { name: 'Peter Dahl', role: 'consultant' },
      { name: 'Louise Brandt', role: 'other' },
    ],
  },
  {
    name: 'Viborg Kommune',
    people: [
      { name: 'Jesper Mølgaard', role: 'line_leader', contact: true, phone: '+45 20 00 05 01' },
      { name: 'Camilla Juhl', role: 'mact_coordinator' },
    ],
  },
];
