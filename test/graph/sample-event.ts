import type { CalendarEventState } from '../../src/calendar/event-state';
import { parseLocalDateTime } from '../../src/domain/local-time';

export const ORGANIZER = 'gruppeforloeb@sbst.example';

/** A kick-off in Odense: physical, with fictional participants and an advisor. */
export function physicalEvent(overrides: Partial<CalendarEventState> = {}): CalendarEventState {
  return {
    bookingKey: 'cohort-1/kickoff/1',
    subject: 'M-ACT forår 2023: Opstartsmøde',
    bodyHtml: '<p>Tema: Ledelse af den organisatoriske ramme</p>',
    start: parseLocalDateTime('2023-05-04T09:30'),
    end: parseLocalDateTime('2023-05-04T15:30'),
    location: {
      displayName: 'Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C',
      address: { street: 'Edisonsvej 18', postalCode: '5000', city: 'Odense C' },
    },
    online: false,
    attendees: [
      { name: 'Mette Hansen', email: 'mette.hansen@aarhus.example' },
      { name: 'Jonas Berg', email: 'jonas.berg@odense.example' },
      { name: 'Rådgiver Rie', email: 'rie@sbst.example' },
    ],
    categories: ['M-ACT forår 2023'],
    ...overrides,
  };
}

/** The reflection meeting on 6 June: a Teams meeting. */
export function onlineEvent(overrides: Partial<CalendarEventState> = {}): CalendarEventState {
  return physicalEvent({
    bookingKey: 'cohort-1/reflection-1/1',
    subject: 'M-ACT forår 2023: Refleksionsmøde',
    start: parseLocalDateTime('2023-06-06T09:00'),
    end: parseLocalDateTime('2023-06-06T13:30'),
    location: null,
    online: true,
    ...overrides,
  });
}
