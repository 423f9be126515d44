import { exportCohort } from '../../src/app/export-cohort';
import { importCohort } from '../../src/app/import-cohort';
import { listCohorts } from '../../src/app/list-cohorts';
import { EXAMPLES, example, sequentialIds } from '../support/documents';
import { memoryCohortStore } from '../support/memory-cohort-store';

async function storeWithExamples() {
  const store = memoryCohortStore();
  for (const file of EXAMPLES) await importCohort({ store, newId: sequentialIds(file) }, example(file));
  return store;
}

describe('exporting a cohort', () => {
  it.each(EXAMPLES)('gives back %s as it was imported', async (file) => {
    const store = await storeWithExamples();
    const document = example(file);
    expect(await exportCohort({ store }, document.id as string, { schema: document.$schema as string })).toStrictEqual(document);
  });

  it('refuses an id nobody has', async () => {
    await expect(exportCohort({ store: memoryCohortStore() }, 'ingen')).rejects.toMatchObject({ code: 'unknown_cohort' });
  });
});

describe('listing cohorts', () => {
  it('sorts them by name and counts municipalities and participants', async () => {
    const list = await listCohorts({ store: await storeWithExamples() });
    expect(list.map((c) => [c.id, c.municipalities, c.participants, c.erasedAt])).toEqual([
      ['demo', 5, 13, null],
      ['mact-2023', 4, 11, null],
    ]);
  });
});
