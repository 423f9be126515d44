import type { Clock } from '../../src/app/clock';
import { eraseCohort } from '../../src/app/erase-cohort';
import { eraseDueCohorts } from '../../src/app/erase-due-cohorts';
import { exportCohort } from '../../src/app/export-cohort';
import { importCohort } from '../../src/app/import-cohort';
import { parseInstant } from '../../src/domain/local-time';
import { attendance } from '../../src/domain/rsvp';
import { example, sequentialIds } from '../support/documents';
import { engines, useStore } from '../support/engines';
import { memoryCohortStore } from '../support/memory-cohort-store';
import { bookSeries } from '../../src/app/calendar-commands';

const clock: Clock = { now: () => parseInstant('2027-09-01T10:00:00Z') };
const [sqlite] = engines();
const fixture = useStore(sqlite!);

/** The demo cohort under a fresh id in the file's SQLite store; the id is what the tests look up. */
async function demoStore() {
  const store = fixture.store.cohorts;
  await store.load('demo').then((found) => found && fixture.store.db.deleteFrom('cohorts').where('id', '=', 'demo').execute());
  await fixture.store.db.deleteFrom('outbox_objects').where('cohort_id', '=', 'demo').execute();
  await importCohort({ store, newId: sequentialIds() }, example('demo.cohort.json'));
  return store;
}

const deps = () => ({ db: fixture.store.db, clock });

describe('erasing a cohort', () => {
  it('removes the personal data at the clock\'s time and keeps structure and counts', async () => {
    const store = await demoStore();
    const before = (await store.load('demo'))!;
    const outcome = await eraseCohort(deps(), 'demo');
    expect(outcome).toMatchObject({ erasedNow: true, people: 13, dietaryNotes: 2 });

    const after = (await store.load('demo'))!;
    expect(after.revision).toBe(before.revision + 1);
    expect(after.cohort.erasedAt).toBe('2027-09-01T10:00:00.000Z');
    expect(after.cohort.municipalities.flatMap((m) => m.participants).every((p) => p.person === null)).toBe(true);
    expect(after.cohort.rsvps.every((r) => r.dietaryNote === null)).toBe(true);
    expect(after.cohort.meetings).toEqual(before.cohort.meetings);
    expect(after.cohort.municipalities.map((m) => [m.name, m.participants.length])).toEqual(
      before.cohort.municipalities.map((m) => [m.name, m.participants.length]),
    );
    for (const meeting of before.cohort.meetings.filter((m) => m.kind === 'plenary')) {
      expect(attendance(after.cohort, meeting.id)).toEqual(attendance(before.cohort, meeting.id));
    }
    expect(after.cohort.presentations).toEqual(before.cohort.presentations.map((p) => ({ ...p, link: null })));
  });

  it('changes nothing the second time', async () => {
    const store = await demoStore();
    await eraseCohort(deps(), 'demo');
    const revision = (await store.load('demo'))!.revision;
    const later: Clock = { now: () => parseInstant('2028-01-01T00:00:00Z') };
    expect(await eraseCohort({ db: fixture.store.db, clock: later }, 'demo')).toMatchObject({ erasedNow: false, people: 0 });
    expect((await store.load('demo'))!).toMatchObject({ revision, cohort: { erasedAt: '2027-09-01T10:00:00.000Z' } });
  });

  it('leaves a cohort that still exports, and imports again as it was', async () => {
    const store = await demoStore();
    await eraseCohort(deps(), 'demo');
    const document = await exportCohort({ store }, 'demo');
    const elsewhere = memoryCohortStore();
    const result = await importCohort({ store: elsewhere, newId: sequentialIds() }, JSON.parse(JSON.stringify(document)));
    expect(result.ok).toBe(true);
    expect(await exportCohort({ store: elsewhere }, 'demo')).toStrictEqual(document);
  });

  it('forgets what was kept for Outlook, which names the people too, in the same transaction', async () => {
    await demoStore();
    await bookSeries(deps(), 'demo', 'moeder@agency.example.org');
    const kept = () => fixture.store.db.selectFrom('outbox_objects').select('desired_state').where('cohort_id', '=', 'demo').execute();
    expect(JSON.stringify(await kept())).toContain('example.org');
    expect(await eraseCohort(deps(), 'demo')).toMatchObject({ erasedNow: true, deliveries: 5 });
    expect(await kept()).toEqual([]);
  });

  it('erases for an advisor asking through the tab only while they are one in the cohort as the erase reads it', async () => {
    const store = await demoStore();
    const before = (await store.load('demo'))!;
    // A leader of the cohort, or an advisor of it no longer: the check is inside the erase's own transaction.
    await expect(eraseCohort(deps(), 'demo', { email: 'tina.frost@naestved.example.org' })).rejects.toMatchObject({ code: 'not_permitted' });
    expect((await store.load('demo'))!).toEqual(before);
    expect(await eraseCohort(deps(), 'demo', { email: 'SIGNE.VESTERGAARD@styrelsen.example.org' })).toMatchObject({ erasedNow: true });
  });

  it('refuses an id nobody has', async () => {
    await expect(eraseCohort(deps(), 'ingen')).rejects.toMatchObject({ code: 'unknown_cohort' });
  });
});

describe('erasing when it falls due', () => {
  it('erases a cohort only after its erase date, six months after the follow-up by default', async () => {
    const store = await demoStore();
    const { cohort } = (await store.load('demo'))!;
    const followUp = cohort.meetings.find((m) => m.kind === 'followup')!;
    const lastDay = followUp.kind === 'followup' ? followUp.schedule.days.at(-1)! : '';
    const [y, m, d] = lastDay.split('-').map(Number);
    const dueDay = new Date(Date.UTC(y!, m! - 1 + 6, d!, 12));
    const at = (date: Date): Clock => ({ now: () => parseInstant(date.toISOString()) });

    expect(await eraseDueCohorts({ db: fixture.store.db, clock: at(dueDay) })).toEqual([]);
    expect((await store.load('demo'))!.cohort.erasedAt).toBeNull();

    const dayAfter = new Date(dueDay.getTime() + 24 * 3600_000);
    expect(await eraseDueCohorts({ db: fixture.store.db, clock: at(dayAfter) })).toEqual(['demo']);
    expect((await store.load('demo'))!.cohort.erasedAt).toBe(dayAfter.toISOString());
    expect(await eraseDueCohorts({ db: fixture.store.db, clock: at(dayAfter) })).toEqual([]);
  });
});
