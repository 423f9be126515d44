import type { Clock } from '../../src/app/clock';
import { eraseCohort } from '../../src/app/erase-cohort';
import { eraseDueCohorts } from '../../src/app/erase-due-cohorts';
import { exportCohort } from '../../src/app/export-cohort';
import { importCohort } from '../../src/app/import-cohort';
import { parseInstant } from '../../src/domain/local-time';
import { attendance } from '../../src/domain/rsvp';
import { example, sequentialIds } from '../support/documents';
import { memoryCohortStore } from '../support/memory-cohort-store';

const clock: Clock = { now: () => parseInstant('2027-09-01T10:00:00Z') };

async function demoStore() {
  const store = memoryCohortStore();
  await importCohort({ store, newId: sequentialIds() }, example('demo.cohort.json'));
  return store;
}

describe('erasing a cohort', () => {
  it('removes the personal data at the clock\'s time and keeps structure and counts', async () => {
    const store = await demoStore();
    const before = (await store.load('demo'))!;
    const outcome = await eraseCohort({ store, clock }, 'demo');
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
    await eraseCohort({ store, clock }, 'demo');
    const revision = (await store.load('demo'))!.revision;
    const later: Clock = { now: () => parseInstant('2028-01-01T00:00:00Z') };
    expect(await eraseCohort({ store, clock: later }, 'demo')).toMatchObject({ erasedNow: false, people: 0 });
    expect((await store.load('demo'))!).toMatchObject({ revision, cohort: { erasedAt: '2027-09-01T10:00:00.000Z' } });
  });

  it('leaves a cohort that still exports, and imports again as it was', async () => {
    const store = await demoStore();
    await eraseCohort({ store, clock }, 'demo');
    const document = await exportCohort({ store }, 'demo');
    const elsewhere = memoryCohortStore();
    const result = await importCohort({ store: elsewhere, newId: sequentialIds() }, JSON.parse(JSON.stringify(document)));
    expect(result.ok).toBe(true);
    expect(await exportCohort({ store: elsewhere }, 'demo')).toStrictEqual(document);
  });

  it('refuses an id nobody has', async () => {
    await expect(eraseCohort({ store: memoryCohortStore(), clock }, 'ingen')).rejects.toMatchObject({ code: 'unknown_cohort' });
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

    expect(await eraseDueCohorts({ store, clock: at(dueDay) })).toEqual([]);
    expect((await store.load('demo'))!.cohort.erasedAt).toBeNull();

    const dayAfter = new Date(dueDay.getTime() + 24 * 3600_000);
    expect(await eraseDueCohorts({ store, clock: at(dayAfter) })).toEqual(['demo']);
    expect((await store.load('demo'))!.cohort.erasedAt).toBe(dayAfter.toISOString());
    expect(await eraseDueCohorts({ store, clock: at(dayAfter) })).toEqual([]);
  });
});
