import { readCohortDocument } from '../../src/documents/cohort-document';
import type { DomainError } from '../../src/domain/errors';
import { at, example, sequentialIds, spoil } from '../support/documents';

const extraTowns = ['Svendborg Kommune', 'Skive Kommune', 'Thisted Kommune'].map((name, i) => ({
  name,
  participants: [{ name: `Leder ${i}`, email: `leder${i}@ekstra.example.org`, role: 'line_leader', contact: true }],
}));

function problems(document: unknown): DomainError[] {
  const result = readCohortDocument(document, sequentialIds());
  if (result.ok) throw new Error('the document was accepted');
  return result.problems;
}

const found = (document: unknown) => problems(document).map((p) => [p.path, p.code]);

describe('a bad document is refused with every offending field named by its path', () => {
  it('a date in the wrong format', () => {
    const document = spoil(example('mact-2023.cohort.json'), { 'meetings.1.start': '2023-05-04 09:30' });
    const [problem] = problems(document);
    expect(problem).toMatchObject({ path: 'meetings.1.start', code: 'invalid_document' });
    expect(problem!.text.da).toContain('ÅÅÅÅ-MM-DDTTT:MM');
    expect(problem!.text.en).toContain('YYYY-MM-DDTHH:MM');
  });

  it('a time that does not exist in Copenhagen, skipped when summer time starts', () => {
    const document = spoil(example('mact-2023.cohort.json'), { 'meetings.2.start': '2024-03-31T02:30' });
    // Only the date itself: the order of meetings is not judged on a time that does not exist.
    expect(found(document)).toEqual([['meetings.2.start', 'invalid_date']]);
  });

  it('a day that is not in the calendar', () => {
    const document = spoil(example('mact-2023.cohort.json'), { 'meetings.6.days.1': '2024-01-32' });
    expect(found(document)).toEqual([['meetings.6.days.1', 'invalid_date']]);
  });

  it('seven municipalities', () => {
    const document = example('mact-2023.cohort.json');
    (document.municipalities as unknown[]).push(...extraTowns);
    expect(found(document)).toEqual([['municipalities', 'too_many_municipalities']]);
  });

  it('a municipality with no leader/tovholder contact', () => {
    const document = spoil(example('mact-2023.cohort.json'), { 'municipalities.1.participants.0.contact': false });
    expect(found(document)).toEqual([['municipalities.1.participants', 'no_leader_contact']]);
  });

  it('an e-mail address used twice, in any case', () => {
    const taken = String(at(example('mact-2023.cohort.json'), 'municipalities.0.participants.0.email')).toUpperCase();
    const document = spoil(example('mact-2023.cohort.json'), { 'municipalities.2.participants.1.email': taken });
    expect(found(document)).toEqual([['municipalities.2.participants.1.email', 'duplicate_email']]);
  });

  it('an answer naming a meeting key that does not exist', () => {
    const document = spoil(example('demo.cohort.json'), { 'rsvps.0.meeting': 'opstartsmoede' });
    expect(found(document)).toEqual([['rsvps.0.meeting', 'unknown_meeting']]);
  });

  it('an answer not offered for the meeting\'s form', () => {
    const document = example('demo.cohort.json');
    expect(at(document, 'rsvps.1.meeting')).toBe('opstart');
    spoil(document, { 'rsvps.1.answer': 'online' });
    const [problem] = problems(document);
    expect(problem).toMatchObject({ path: 'rsvps.1.answer', code: 'answer_not_offered' });
    expect(problem!.text.da).toContain('in_person, declined');
  });

  it('all of the above that pass the shape check, reported together in document order', () => {
    const document = spoil(example('demo.cohort.json'), {
      'meetings.2.start': '2024-03-31T02:30',
      'municipalities.1.participants.0.contact': false,
      'municipalities.1.participants.1.contact': false,
      'municipalities.3.participants.2.email': String(at(example('demo.cohort.json'), 'municipalities.0.participants.0.email')),
      'rsvps.0.meeting': 'ukendt',
      'rsvps.1.answer': 'online',
    });
    (document.municipalities as unknown[]).push(...extraTowns.slice(0, 2));
    expect(found(document)).toEqual([
      ['meetings.2.start', 'invalid_date'],
      ['municipalities', 'too_many_municipalities'],
      ['municipalities.1.participants', 'no_leader_contact'],
      ['municipalities.3.participants.2.email', 'duplicate_email'],
      ['rsvps.0.meeting', 'unknown_meeting'],
      ['rsvps.1.answer', 'answer_not_offered'],
    ]);
  });

  it('every shape problem at once: formats, missing and unknown fields, wrong kinds', () => {
    const document = spoil(example('demo.cohort.json'), {
      'meetings.1.start': '4. maj 2023',
      'meetings.3.form': 'hybrid',
      'municipalities.0.participants.0.email': 'ikke en adresse',
      'municipalities.2.participants.0.role': 'chef',
      'advisors.0.titel': 'Specialkonsulent',
      'presentations.1.link': 'http://example.org/oplaeg.pdf',
    });
    delete (document.advisors as Record<string, unknown>[])[1]!.name;
    expect(found(document)).toEqual(
      expect.arrayContaining([
        ['meetings.1.start', 'invalid_document'],
        ['meetings.3.form', 'invalid_document'],
        ['municipalities.0.participants.0.email', 'invalid_document'],
        ['municipalities.2.participants.0.role', 'invalid_document'],
        ['advisors.0', 'invalid_document'],
        ['advisors.1.name', 'invalid_document'],
        ['presentations.1.link', 'invalid_document'],
      ]),
    );
    expect(problems(document)).toHaveLength(7);
  });

  it('says each problem in Danish and in English', () => {
    const document = spoil(example('demo.cohort.json'), { 'advisors.0.email': 42, 'meetings.0.slotMinutes': -5 });
    delete (document.advisors as Record<string, unknown>[])[1]!.title;
    for (const problem of problems(document)) {
      expect(problem.text.da).not.toEqual(problem.text.en);
      expect(problem.text.da.length).toBeGreaterThan(5);
    }
    expect(problems(document).find((p) => p.path === 'advisors.1.title')?.text).toEqual({ da: 'Feltet mangler.', en: 'The field is missing.' });
  });
});

describe('references between the parts of a document', () => {
  it('a registration for a day the preparatory meeting does not offer', () => {
    const document = spoil(example('mact-2023.cohort.json'), { 'municipalities.0.registration.preparatoryDay': '2023-04-27' });
    expect(found(document)).toEqual([['municipalities.0.registration.preparatoryDay', 'outside_window']]);
  });

  it('a registration for a day offered before the preparatory meeting moved is kept', () => {
    const document = spoil(example('mact-2023.cohort.json'), {
      'meetings.0.days': ['2023-04-26', '2023-04-27'],
      'meetings.0.version': 2,
      'meetings.0.history': [{ version: 1, days: ['2023-04-25', '2023-04-26'], from: '09:00', to: '15:00', slotMinutes: 60, movedAt: '2023-03-01T09:00:00.000Z' }],
    });
    expect(readCohortDocument(document, sequentialIds()).ok).toBe(true);
  });

  it('answers and presentations that point nowhere or twice', () => {
    const document = example('demo.cohort.json');
    const rsvps = document.rsvps as Record<string, unknown>[];
    const presentations = document.presentations as Record<string, unknown>[];
    rsvps.push({ ...rsvps[0]! });
    rsvps.push({ ...rsvps[0]!, participant: 'nobody@example.org' });
    rsvps.push({ ...rsvps[0]!, meeting: 'forberedende' });
    presentations.push({ meeting: 'opstart', municipality: 'Horsens Kommune', status: 'ready' });
    presentations.push({ meeting: 'refleksion-2', municipality: 'Roskilde Kommune', status: 'ready' });
    const n = rsvps.length;
    const m = presentations.length;
    expect(found(document)).toEqual([
      [`presentations.${m - 2}.meeting`, 'no_presentation_task'],
      [`presentations.${m - 1}.municipality`, 'unknown_municipality'],
      [`rsvps.${n - 3}`, 'invalid_document'],
      [`rsvps.${n - 2}.participant`, 'unknown_participant'],
      [`rsvps.${n - 1}.meeting`, 'not_a_plenary'],
    ]);
  });

  it('slot bookings that point nowhere, at a plenary, twice, or at a slot another municipality holds', () => {
    const document = example('demo.cohort.json');
    const booking = { meeting: 'forberedende', municipality: 'Horsens Kommune', start: '2026-12-08T09:00', bookedBy: at(document, 'advisors.0.email'), bookedAt: '2026-11-20T10:00:00Z' };
    document.slotBookings = [
      booking,
      { ...booking, municipality: 'Kolding Kommune', start: '2026-12-08T10:15', cancelled: true },
      // The cancelled booking above holds no slot.
      { ...booking, municipality: 'Næstved Kommune', start: '2026-12-08T10:15', bookedBy: at(document, 'municipalities.2.participants.0.email') },
      { ...booking, meeting: 'opstart' },
      { ...booking, meeting: 'ukendt' },
      { ...booking, municipality: 'Roskilde Kommune' },
      { ...booking, municipality: 'Viborg Kommune', bookedBy: 'nobody@example.org' },
      { ...booking, start: '2026-12-08T11:30' },
      { ...booking, municipality: 'Silkeborg Kommune' },
    ];
    expect(found(document)).toEqual([
      ['slotBookings.3.meeting', 'not_an_individual_meeting'],
      ['slotBookings.4.meeting', 'unknown_meeting'],
      ['slotBookings.5.municipality', 'unknown_municipality'],
      ['slotBookings.6.bookedBy', 'unknown_participant'],
      ['slotBookings.7', 'invalid_document'],
      ['slotBookings.8.start', 'slot_taken'],
    ]);
  });

  it('a slot booking at a time that does not exist, and a break between slots out of range', () => {
    const document = spoil(example('demo.cohort.json'), { 'settings.slotBreakMinutes': 121 });
    document.slotBookings = [{ meeting: 'opfoelgning', municipality: 'Horsens Kommune', start: '2027-08-24 09:00', bookedAt: '2027-08-01T10:00:00Z' }];
    expect(found(document)).toEqual([
      ['settings.slotBreakMinutes', 'invalid_document'],
      ['slotBookings.0.start', 'invalid_document'],
    ]);
  });

  it('a dietary note where there is no catering', () => {
    const document = example('demo.cohort.json');
    const virtual = (document.rsvps as { meeting: string }[]).findIndex((r) => r.meeting === 'refleksion-1');
    const declined = (document.rsvps as { answer: string }[]).findIndex((r) => r.answer === 'declined');
    spoil(document, { [`rsvps.${virtual}.dietaryNote`]: 'Vegansk', [`rsvps.${declined}.dietaryNote`]: 'Halal' });
    expect(found(document)).toEqual(
      [virtual, declined].sort((a, b) => a - b).map((i) => [`rsvps.${i}.dietaryNote`, 'dietary_note_not_offered']),
    );
  });

  it('a meeting key used twice', () => {
    const document = spoil(example('mact-2023.cohort.json'), { 'meetings.4.key': 'refleksion-2' });
    expect(found(document)).toEqual([['meetings.4.key', 'invalid_document']]);
  });

  it('the order of meetings, judged when every date exists', () => {
    const document = spoil(example('mact-2023.cohort.json'), { 'meetings.3.start': '2023-06-01T09:30' });
    expect(found(document)).toEqual([['meetings.3.start', 'meetings_out_of_order']]);
  });
});
