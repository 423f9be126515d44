import { refreshBusyTimes } from '../../src/app/refresh-busy-times';
import { OutlookUnreadable } from '../../src/calendar/outlook-responses';
import { mailboxKey, type MailboxSchedule, type OutlookSchedules } from '../../src/calendar/outlook-schedules';
import type { TimeRange } from '../../src/calendar/time-ranges';
import type { Cohort } from '../../src/domain/cohort';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { busyFreshness, busyTimes } from '../../src/store/busy-times';
import { cohortWithWindows } from '../support/busy-cohort';
import { engines, useStore } from '../support/engines';
import { testClock } from '../support/test-clock';

const RIKKE = 'Rikke@Agency.example.org';
const MADS = 'mads@agency.example.org';
const ORGANIZER = 'forloeb@agency.example.org';

/** Advisors' calendars in memory: one busy hour each on the first day asked, and what was asked through which calendar. */
class Calendars implements OutlookSchedules {
  readonly asked: { via: string; mailboxes: readonly string[]; ranges: readonly TimeRange[] }[] = [];
  unreadable: string | null = null;

  async read(via: string, mailboxes: readonly string[], ranges: readonly TimeRange[]): Promise<Map<string, MailboxSchedule>> {
    this.asked.push({ via, mailboxes, ranges });
    if (this.unreadable) throw new OutlookUnreadable(via, this.unreadable);
    const day = ranges[0]!.start.slice(0, 10);
    const busy = [{ start: parseLocalDateTime(`${day}T09:00`), end: parseLocalDateTime(`${day}T10:00`) }];
    return new Map(mailboxes.map((m): [string, MailboxSchedule] => [mailboxKey(m), { ok: true, busy }]));
  }
}

describe.each(engines())("refreshing the advisors' busy time on $name", (engine) => {
  const fixture = useStore(engine);
  // 1 February 2027, 10:00 in Copenhagen.
  const clock = testClock('2027-02-01T09:00:00.000Z');
  const create = async (cohort: Cohort) => (await fixture.store.cohorts.create(cohort)).cohort.id;
  const refresh = (calendars: Calendars, organizer: string | null = ORGANIZER) => refreshBusyTimes({ db: fixture.store.db, clock, schedules: calendars, organizer });

  it("reads the days of the windows to come through the organiser's calendar and keeps the blocks per advisor", async () => {
    const id = await create(cohortWithWindows([RIKKE, MADS], ['2027-03-23', '2027-03-24'], ['2028-01-10']));
    const calendars = new Calendars();
    const report = await refresh(calendars);
    const mine = calendars.asked.find((a) => a.mailboxes.includes(RIKKE))!;
    expect(mine).toEqual({
      via: ORGANIZER,
      mailboxes: [RIKKE, MADS],
      ranges: [
        { start: '2027-03-23T00:00', end: '2027-03-25T00:00' },
        { start: '2028-01-10T00:00', end: '2028-01-11T00:00' },
      ],
    });
    expect(report.read).toContainEqual({ cohortId: id, mailboxes: 2, blocks: 2 });
    expect(await busyTimes(fixture.store.db, id)).toEqual([
      { start: '2027-03-23T09:00', end: '2027-03-23T10:00', mailbox: MADS },
      { start: '2027-03-23T09:00', end: '2027-03-23T10:00', mailbox: 'rikke@agency.example.org' },
    ]);
    expect((await busyFreshness(fixture.store.db, id)).map((f) => f.fetchedAt)).toEqual([clock.now(), clock.now()]);
  });

  it("goes through the booked series' organiser first, and an advisor's own calendar when no organiser is known", async () => {
    const booked = await create({ ...cohortWithWindows(['booked@agency.example.org'], ['2027-03-23']), booking: { organizer: 'serie@agency.example.org', bookedAt: parseInstant('2027-01-05T10:00:00Z') } });
    const loose = await create(cohortWithWindows(['loose@agency.example.org'], ['2027-03-23']));
    const calendars = new Calendars();
    await refresh(calendars, null);
    const via = (mailbox: string) => calendars.asked.find((a) => a.mailboxes.includes(mailbox))?.via;
    expect([via('booked@agency.example.org'), via('loose@agency.example.org')]).toEqual(['serie@agency.example.org', 'loose@agency.example.org']);
    expect(await busyTimes(fixture.store.db, booked)).toHaveLength(1);
    expect(await busyTimes(fixture.store.db, loose)).toHaveLength(1);
  });

  it('keeps the last good blocks and records the reason for every advisor when the lookup fails', async () => {
    const id = await create(cohortWithWindows([RIKKE, MADS], ['2027-03-23']));
    await refresh(new Calendars());
    const failing = new Calendars();
    failing.unreadable = 'Graph er overbelastet eller utilgængelig / Graph is throttling or unavailable (TooManyRequests)';
    clock.advance(15 * 60_000);
    const report = await refresh(failing);
    expect(report.unread.filter((u) => u.cohortId === id).map((u) => u.mailbox)).toEqual(['rikke@agency.example.org', MADS]);
    expect(await busyTimes(fixture.store.db, id)).toHaveLength(2);
    expect(await busyFreshness(fixture.store.db, id)).toEqual([
      expect.objectContaining({ mailbox: MADS, error: failing.unreadable, attemptedAt: clock.now() }),
      expect.objectContaining({ mailbox: 'rikke@agency.example.org', error: failing.unreadable }),
    ]);
  });

  it('asks nothing for a cohort with no window ahead, no advisors, or erased, and drops what it kept for one', async () => {
    const past = await create(cohortWithWindows(['past@agency.example.org'], []));
    const erased = await create({ ...cohortWithWindows(['erased@agency.example.org'], ['2027-03-23']), erasedAt: parseInstant('2027-01-31T10:00:00Z') });
    const noAdvisors = await create(cohortWithWindows([], ['2027-03-23']));
    const calendars = new Calendars();
    await refresh(calendars);
    const asked = () => calendars.asked.flatMap((a) => a.mailboxes);
    expect(asked()).not.toContain('past@agency.example.org');
    expect(asked()).not.toContain('erased@agency.example.org');
    for (const id of [past, erased, noAdvisors]) expect(await busyFreshness(fixture.store.db, id)).toEqual([]);

    // Read while its window lay ahead; once the window is past, its busy time is dropped and not asked for again.
    const soon = await create(cohortWithWindows(['soon@agency.example.org'], ['2027-02-02']));
    await refresh(calendars);
    expect(await busyTimes(fixture.store.db, soon)).toHaveLength(1);
    clock.advance(2 * 24 * 60 * 60_000);
    const before = asked().length;
    await refresh(calendars);
    expect(asked().slice(before)).not.toContain('soon@agency.example.org');
    expect([await busyTimes(fixture.store.db, soon), await busyFreshness(fixture.store.db, soon)]).toEqual([[], []]);
  });
});
