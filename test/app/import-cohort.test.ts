import { importCohort } from '../../src/app/import-cohort';
import { example, sequentialIds, spoil } from '../support/documents';
import { memoryCohortStore } from '../support/memory-cohort-store';

describe('importing a cohort document', () => {
  it('stores the cohort it describes, under the document\'s id', async () => {
    const store = memoryCohortStore();
    const result = await importCohort({ store, newId: sequentialIds() }, example('mact-2023.cohort.json'));
    expect(result.ok).toBe(true);
    const stored = await store.load('mact-2023');
    expect(stored?.cohort.municipalities.map((m) => m.name)).toEqual(['Aalborg Kommune', 'Esbjerg Kommune', 'Randers Kommune', 'Holbæk Kommune']);
  });

  it('stores nothing when the document has problems, and returns every one', async () => {
    const store = memoryCohortStore();
    const document = spoil(example('demo.cohort.json'), { 'meetings.1.start': '2024-03-31T02:30', 'rsvps.0.meeting': 'ukendt' });
    const result = await importCohort({ store, newId: sequentialIds() }, document);
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['meetings.1.start', 'rsvps.0.meeting']);
    expect(store.size()).toBe(0);
  });

  it('refuses an id that is taken, at the path of the id, and keeps the cohort that has it', async () => {
    const store = memoryCohortStore();
    await importCohort({ store, newId: sequentialIds() }, example('demo.cohort.json'));
    const other = spoil(example('mact-2023.cohort.json'), { id: 'demo' });
    const result = await importCohort({ store, newId: sequentialIds('x') }, other);
    expect(!result.ok && result.problems.map((p) => [p.path, p.code])).toEqual([['id', 'cohort_exists']]);
    expect((await store.load('demo'))?.cohort.name).toBe(example('demo.cohort.json').name);
  });

  it('gives a cohort without an id a new one', async () => {
    const store = memoryCohortStore();
    const document = example('mact-2023.cohort.json');
    delete document.id;
    const result = await importCohort({ store, newId: sequentialIds('new') }, document);
    expect(result.ok && result.stored.cohort.id).toMatch(/^new-\d+$/);
  });
});
