import { parseLocalDate as d, parseLocalDateTime as dt, parseLocalTime as t } from './local-time';
import type { ProgrammeTemplate } from './programme';

/** The agency's premises, where physical meetings are held with catering. */
export const AGENCY_PLACE = 'Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C';

/**
 * The 2023 edition of "Organisering af M-ACT" as the agency offered it: the built-in default.
 * It is data: a cohort copies it and advisors change dates, forms and themes per cohort.
 */
export const PROGRAMME_2023: ProgrammeTemplate = {
  edition: 'mact-2023',
  title: { da: 'Gruppeforløb: Organisering af M-ACT', en: 'Group programme: Organising M-ACT' },
  meetings: [
    {
      key: 'forberedende',
      kind: 'preparatory',
      form: 'virtual',
      title: { da: 'Forberedende individuelt møde', en: 'Preparatory individual meeting' },
      themes: ['Kommunens udgangspunkt og ønsker til forløbet'],
      schedule: { days: [d('2023-04-25'), d('2023-04-26')], from: t('09:00'), to: t('15:00'), slotMinutes: 60 },
    },
    {
      key: 'opstart',
      kind: 'plenary',
      form: 'physical',
      title: { da: 'Opstartsmøde', en: 'Kick-off meeting' },
      themes: ['Ledelse af de organisatoriske rammer for M-ACT-indsatsen'],
      schedule: { start: dt('2023-05-04T09:30'), durationMinutes: 360 },
      place: AGENCY_PLACE,
      presentations: false,
    },
    {
      key: 'refleksion-1',
      kind: 'plenary',
      form: 'virtual',
      title: { da: 'Refleksionsmøde', en: 'Reflection meeting' },
      themes: ['Lokale ledelses- og styringsprocesser, der har betydning for implementeringen'],
      schedule: { start: dt('2023-06-06T09:00'), durationMinutes: 270 },
      place: '',
      presentations: true,
    },
    {
      key: 'refleksion-2',
      kind: 'plenary',
      form: 'physical',
      title: { da: 'Refleksionsmøde', en: 'Reflection meeting' },
      themes: ['Faglig ledelse af M-ACT-indsatsen og udvælgelse af M-ACT-fagprofessionelle'],
      schedule: { start: dt('2023-08-30T09:30'), durationMinutes: 360 },
      place: AGENCY_PLACE,
      presentations: true,
    },
    {
      key: 'refleksion-3',
      kind: 'plenary',
      form: 'physical',
      title: { da: 'Refleksionsmøde', en: 'Reflection meeting' },
      themes: ['Temaer, som kommunerne bringer med'],
      schedule: { start: dt('2023-09-26T09:30'), durationMinutes: 360 },
      place: AGENCY_PLACE,
      presentations: true,
    },
    {
      key: 'afslutning',
      kind: 'plenary',
      form: 'physical',
      title: { da: 'Afslutningsmøde', en: 'Closing meeting' },
      themes: ['Indsatsplan, tovholder og kerneteam: parat til kompetenceudviklingen i M-ACT'],
      schedule: { start: dt('2023-10-31T09:30'), durationMinutes: 360 },
      place: AGENCY_PLACE,
      presentations: true,
    },
    {
      key: 'opfoelgning',
      kind: 'followup',
      form: 'phone',
      title: { da: 'Opfølgning (telefonsamtale)', en: 'Follow-up (phone call)' },
      themes: ['Status tre måneder efter forløbet'],
      schedule: {
        days: [d('2024-01-09'), d('2024-01-10'), d('2024-01-11')],
        from: t('09:00'),
        to: t('15:00'),
        slotMinutes: 60,
      },
    },
  ],
};
