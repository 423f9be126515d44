import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cohortDocumentJsonSchema, readCohortDocument, toDocument } from '../../src/documents/cohort-document';
import { documentJson, EXAMPLES_DIR, PACKAGE_ROOT, SCHEMA_FILE, schemaRefFor } from '../../src/documents/document-files';
import { DEFAULT_SETTINGS } from '../../src/domain/cohort';
import { erasePersonalData } from '../../src/domain/erase';
import { parseInstant } from '../../src/domain/local-time';
import { fullCohort } from '../support/full-cohort';
import { at, EXAMPLES, example, sequentialIds, spoil } from '../support/documents';

function read(document: unknown) {
  return readCohortDocument(document, sequentialIds());
}

function cohortOf(document: unknown) {
  const result = read(document);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.cohort;
}

describe('the example documents', () => {
  it.each(EXAMPLES)('%s imports and exports unchanged, key order included', (file) => {
    const document = example(file);
    const again = toDocument(cohortOf(document), { schema: document.$schema as string });
    expect(again).toStrictEqual(document);
    expect(documentJson(again)).toBe(documentJson(document));
  });

  it.each(EXAMPLES)('%s names fictional people only, at example.org', (file) => {
    const text = JSON.stringify(example(file));
    const addresses = text.match(/[\w.+-]+@[\w.-]+/g) ?? [];
    expect(addresses.length).toBeGreaterThan(5);
    expect(addresses.filter((a) => !a.endsWith('example.org'))).toEqual([]);
    expect(text).not.toMatch(/Kaldahl|Dubert|Christina|Mette|socialstyrelsen\.dk/);
  });
});

describe('the JSON Schema', () => {
  it('committed under docs/ is the one the zod schema gives now (npm run examples writes it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(documentJson(cohortDocumentJsonSchema()));
  });

  it('is draft 2020-12 and documents every property', () => {
    const schema = cohortDocumentJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const undocumented: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}.${i}`));
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as { properties?: Record<string, { description?: string }> }).properties ?? {};
      for (const [key, value] of Object.entries(properties)) if (!value.description) undocumented.push(`${path}.${key}`);
      Object.entries(node).forEach(([key, value]) => visit(value, `${path}.${key}`));
    };
    visit(schema, '');
    expect(undocumented).toEqual([]);
  });
});

describe('reading a document', () => {
  it('fills in the defaults and gives a new id when the document has none', () => {
    const document = example('mact-2023.cohort.json');
    delete document.id;
    delete document.settings;
    delete document.rsvps;
    delete document.presentations;
    delete document.slotBookings;
    const cohort = cohortOf(document);
    expect(cohort.id).toMatch(/^id-\d+$/);
    expect(cohort.settings).toEqual(DEFAULT_SETTINGS);
    expect(cohort.rsvps).toEqual([]);
    expect(cohort.slotBookings).toEqual([]);
  });

  it('gives every meeting, municipality, participant and advisor a new id', () => {
    const cohort = cohortOf(example('demo.cohort.json'));
    const ids = [
      ...cohort.meetings.map((m) => m.id),
      ...cohort.advisors.map((a) => a.id),
      ...cohort.municipalities.flatMap((m) => [m.id, ...m.participants.map((p) => p.id)]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^id-\d+$/.test(id))).toBe(true);
  });

  it('keeps an answer given for a date the meeting has since moved from', () => {
    const cohort = cohortOf(example('demo.cohort.json'));
    const moved = cohort.meetings.find((m) => m.key === 'refleksion-1')!;
    expect(moved.version).toBe(2);
    const starts = new Set(cohort.rsvps.filter((r) => r.meetingId === moved.id).map((r) => r.forStart));
    expect(starts.size).toBe(2);
  });

  it('round-trips an erased cohort, which names its people by place instead of address', () => {
    const erased = erasePersonalData(cohortOf(example('demo.cohort.json')), parseInstant('2027-03-01T12:00:00Z'));
    const document = toDocument(erased);
    // Advisors stay: they are the agency's staff acting in office.
    expect(JSON.stringify([document.municipalities, document.rsvps])).not.toMatch(/@|Lone|Vegetar/);
    expect(toDocument(cohortOf(JSON.parse(JSON.stringify(document))))).toStrictEqual(document);
  });

  it('refuses something that is not a cohort document, at the root', () => {
    for (const input of [42, null, [], { format: 'something/else' }]) {
      const result = read(input);
      expect(result.ok).toBe(false);
    }
    const result = read(42);
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['']);
  });

  it('round-trips a cohort with every part of the aggregate filled in', () => {
    const document = JSON.parse(JSON.stringify(toDocument(fullCohort()))) as Record<string, unknown>;
    expect(toDocument(cohortOf(document))).toStrictEqual(document);
  });

  it('round-trips slot bookings, naming the meeting by key, the municipality by name and the booker by address', () => {
    const cohort = fullCohort();
    const document = JSON.parse(JSON.stringify(toDocument(cohort))) as Record<string, unknown>;
    expect(document.slotBookings).toEqual([
      {
        meeting: 'opfoelgning',
        municipality: 'Aarhus Kommune',
        start: '2024-01-10T10:15',
        phone: '+45 87 65 43 21',
        bookedBy: 'leder@aarhuskommune.example.org',
        bookedAt: '2023-11-02T08:30:00.000Z',
        version: 2,
      },
      // Booked by an advisor, and cancelled: the defaults (version 1, generation 1, not cancelled) are left out only.
      { meeting: 'forberedende', municipality: 'Odense Kommune', start: '2023-04-25T09:00', bookedBy: 'rikke@agency.example.org', bookedAt: '2023-04-10T12:00:00.000Z', version: 4, generation: 2, cancelled: true },
    ]);
    const again = cohortOf(document);
    const ids = (c: typeof cohort) => c.slotBookings.map((b) => [c.meetings.find((m) => m.id === b.meetingId)!.key, c.municipalities.find((m) => m.id === b.municipalityId)!.name]);
    expect(ids(again)).toEqual(ids(cohort));
    expect(again.slotBookings[0]!.bookedBy).toBe(again.municipalities[0]!.participants[0]!.id);
    expect(again.slotBookings[1]!.bookedBy).toBe(again.advisors[0]!.id);
    expect(again.settings.slotBreakMinutes).toBe(10);
  });

  it('round-trips an erased cohort\'s slot bookings without the numbers to call, the booker named by place', () => {
    const erased = toDocument(erasePersonalData(fullCohort(), parseInstant('2024-07-12T00:00:00Z')));
    expect(erased.slotBookings[0]).not.toHaveProperty('phone');
    expect(erased.slotBookings[0]!.bookedBy).toEqual({ municipality: 'Aarhus Kommune', position: 1 });
    const document = JSON.parse(JSON.stringify(erased)) as Record<string, unknown>;
    expect(toDocument(cohortOf(document))).toStrictEqual(document);
  });

  it('reads a slot booking whose booker has left the cohort, and writes it the same way again', () => {
    const document = JSON.parse(JSON.stringify(toDocument(fullCohort()))) as Record<string, unknown>;
    delete (document.slotBookings as Record<string, unknown>[])[0]!.bookedBy;
    const cohort = cohortOf(document);
    const everyone = [...cohort.advisors.map((a) => a.id), ...cohort.municipalities.flatMap((m) => m.participants.map((p) => p.id))];
    expect(everyone).not.toContain(cohort.slotBookings[0]!.bookedBy);
    expect(toDocument(cohort)).toStrictEqual(document);
  });

  it('refuses personal data in an erased cohort', () => {
    const erased = toDocument(erasePersonalData(cohortOf(example('demo.cohort.json')), parseInstant('2027-03-01T12:00:00Z')));
    const live = at(example('demo.cohort.json'), 'municipalities.1.participants.2');
    const document = spoil(JSON.parse(JSON.stringify(erased)) as Record<string, unknown>, { 'municipalities.1.participants.2': live, 'rsvps.0.dietaryNote': 'Halal' });
    (document.slotBookings as unknown[]).push({ meeting: 'opfoelgning', municipality: 'Kolding Kommune', start: '2027-08-24T09:00', phone: '+45 12 34 56 78', bookedAt: '2027-01-01T12:00:00Z' });
    const result = read(document);
    expect(!result.ok && result.problems.map((p) => [p.path, p.code])).toEqual([
      ['municipalities.1.participants.2', 'invalid_document'],
      ['rsvps.0.dietaryNote', 'invalid_document'],
      ['slotBookings.0.phone', 'invalid_document'],
    ]);
  });

  it('reads a live cohort in which one participant has no personal data left', () => {
    const document = spoil(example('demo.cohort.json'), { 'municipalities.1.participants.2': { erased: true, role: 'partner', contact: false } });
    expect(toDocument(cohortOf(document), { schema: document.$schema as string })).toStrictEqual(document);
  });
});

describe('where an exported document finds its schema', () => {
  it('is relative to the file inside this package, and left out outside it', () => {
    expect(schemaRefFor(join(EXAMPLES_DIR, 'ny.cohort.json'))).toBe('../docs/cohort-document.schema.json');
    expect(schemaRefFor(join(PACKAGE_ROOT, 'ny.cohort.json'))).toBe('docs/cohort-document.schema.json');
    expect(schemaRefFor(join(tmpdir(), 'ny.cohort.json'))).toBeUndefined();
  });
});

describe('docs/cohort-document.md', () => {
  const text = readFileSync(join(PACKAGE_ROOT, 'docs', 'cohort-document.md'), 'utf8');

  it('has a minimal example that reads as a valid document', () => {
    const json = /```json\n([\s\S]*?)```/.exec(text)?.[1];
    expect(read(JSON.parse(json!)).ok).toBe(true);
  });

  it('shows problems as the CLI prints them', () => {
    const document = spoil(example('mact-2023.cohort.json'), { 'meetings.2.start': '2024-03-31T02:30' });
    const result = read(document);
    expect(!result.ok && result.problems[0]!.text.da).toBe('Ugyldigt tidspunkt (ÅÅÅÅ-MM-DDTTT:MM): "2024-03-31T02:30"');
    expect(text).toContain('meetings.2.start: Ugyldigt tidspunkt (ÅÅÅÅ-MM-DDTTT:MM): "2024-03-31T02:30"');
  });
});
