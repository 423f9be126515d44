import type { CalendarEventState } from '../../src/calendar/event-state';
import { bookSeries, cancelPlenaryByKey, movePlenaryByKey, rebookPlenaryByKey } from '../../src/app/calendar-commands';
import { parseLocalDateTime } from '../../src/domain/local-time';
import { engines, useStore } from '../support/engines';
import { refusal } from '../support/refusal';
import { sampleCohort } from '../support/sample-cohort';
import { testClock } from '../support/test-clock';

const ORGANIZER = 'moeder@agency.example.org';

describe.each(engines())('booking and changing the series on $name', (engine) => {
  const fixture = useStore(engine);
  const clock = testClock('2023-03-01T10:00:00.000Z');
  const deps = () => ({ db: fixture.store.db, clock });

  async function events(cohortId: string) {
    const rows = await fixture.store.db
      .selectFrom('outbox_objects')
      .select(['object_key', 'desired_version', 'desired_state', 'target'])
      .where('cohort_id', '=', cohortId)
      .orderBy('object_key')
      .execute();
    return rows.map((r) => ({ key: r.object_key, version: r.desired_version, target: r.target, state: r.desired_state === null ? null : (JSON.parse(r.desired_state) as CalendarEventState) }));
  }

  async function newCohort(names?: string[]) {
    const { cohort } = await fixture.store.cohorts.create(sampleCohort(names));
    return cohort;
  }

  it('records one event per plenary for the organiser, in the same transaction as the booking', async () => {
    const cohort = await newCohort();
    const stored = await bookSeries(deps(), cohort.id, ORGANIZER);
    expect(stored.cohort.booking).toEqual({ organizer: ORGANIZER, bookedAt: clock.now() });
    const recorded = await events(cohort.id);
    expect(recorded).toHaveLength(5);
    expect(recorded.every((e) => e.version === 1 && e.target === ORGANIZER && e.state !== null)).toBe(true);
    await bookSeries(deps(), cohort.id, ORGANIZER);
    expect((await events(cohort.id)).map((e) => e.version)).toEqual([1, 1, 1, 1, 1]);
  });

  it('refuses to book too few municipalities and records nothing', async () => {
    const cohort = await newCohort(['Aarhus Kommune', 'Odense Kommune']);
    expect((await refusal(bookSeries(deps(), cohort.id, ORGANIZER))).code).toBe('too_few_municipalities');
    expect(await events(cohort.id)).toEqual([]);
    expect((await fixture.store.cohorts.load(cohort.id))!.cohort.booking).toBeNull();
  });

  it('moves one event in place: only its state changes, to the new time', async () => {
    const cohort = await newCohort();
    await bookSeries(deps(), cohort.id, ORGANIZER);
    const before = await events(cohort.id);
    await movePlenaryByKey(deps(), cohort.id, 'refleksion-2', parseLocalDateTime('2023-08-31T09:30'));
    const after = await events(cohort.id);
    expect(after.map((e) => e.key)).toEqual(before.map((e) => e.key));
    const changed = after.filter((e, i) => e.version !== before[i]!.version);
    expect(changed).toHaveLength(1);
    expect(changed[0]!.state).toMatchObject({ start: '2023-08-31T09:30', end: '2023-08-31T15:30' });
  });

  it('moves before booking without recording anything, and books the moved time', async () => {
    const cohort = await newCohort();
    await movePlenaryByKey(deps(), cohort.id, 'refleksion-2', parseLocalDateTime('2023-08-31T09:30'));
    expect(await events(cohort.id)).toEqual([]);
    await bookSeries(deps(), cohort.id, ORGANIZER);
    expect((await events(cohort.id)).map((e) => e.state?.start)).toContain('2023-08-31T09:30');
  });

  it('cancels an event, and books it again as a new event rather than the cancelled one', async () => {
    const cohort = await newCohort();
    await bookSeries(deps(), cohort.id, ORGANIZER);
    await cancelPlenaryByKey(deps(), cohort.id, 'refleksion-3');
    const cancelled = (await events(cohort.id)).filter((e) => e.state === null);
    expect(cancelled).toEqual([expect.objectContaining({ version: 2 })]);

    await rebookPlenaryByKey(deps(), cohort.id, 'refleksion-3', parseLocalDateTime('2023-10-03T09:30'));
    const after = await events(cohort.id);
    expect(after).toHaveLength(6);
    const rebooked = after.find((e) => e.key !== cancelled[0]!.key && e.state?.start === '2023-10-03T09:30');
    expect(rebooked).toMatchObject({ version: 1 });
    expect(rebooked!.state!.bookingKey).not.toBe(after.find((e) => e.key === cancelled[0]!.key)!.key);
    expect(after.find((e) => e.key === cancelled[0]!.key)!.state).toBeNull();
  });

  it('names the plenaries when a meeting key is unknown', async () => {
    const cohort = await newCohort();
    const error = await refusal(movePlenaryByKey(deps(), cohort.id, 'refleksion-9', parseLocalDateTime('2023-08-31T09:30')));
    expect(error.text.da).toBe('Intet fællesmøde hedder "refleksion-9"; vælg mellem opstart, refleksion-1, refleksion-2, refleksion-3, afslutning.');
  });
});
