import type { MailboxSchedule } from '../../src/calendar/outlook-schedules';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { busyFreshness, busyTimes, forgetBusyTimes, recordBusyTimes } from '../../src/store/busy-times';
import { engines, useStore } from '../support/engines';
import { sampleCohort } from '../support/sample-cohort';

const at = (value: string) => parseLocalDateTime(value);
const block = (start: string, end: string) => ({ start: at(start), end: at(end) });
const RIKKE = 'rikke@agency.example.org';
const MADS = 'mads@agency.example.org';
const FIRST = parseInstant('2027-02-01T09:00:00.000Z');
const SECOND = parseInstant('2027-02-01T09:15:00.000Z');

describe.each(engines())("the advisors' busy time in the store on $name", (engine) => {
  const fixture = useStore(engine);
  const newCohort = async () => (await fixture.store.cohorts.create(sampleCohort())).cohort.id;
  const reads = (entries: [string, MailboxSchedule][]) => new Map(entries);

  it("keeps each mailbox's blocks by start, and when it was read", async () => {
    const id = await newCohort();
    await recordBusyTimes(fixture.store.db, id, reads([
      [RIKKE, { ok: true, busy: [block('2027-03-25T09:00', '2027-03-25T10:00'), block('2027-03-30T09:00', '2027-03-30T10:00')] }],
      [MADS, { ok: true, busy: [block('2027-03-25T08:00', '2027-03-25T12:00')] }],
    ]), FIRST);
    expect(await busyTimes(fixture.store.db, id)).toEqual([
      { start: '2027-03-25T08:00', end: '2027-03-25T12:00', mailbox: MADS },
      { start: '2027-03-25T09:00', end: '2027-03-25T10:00', mailbox: RIKKE },
      { start: '2027-03-30T09:00', end: '2027-03-30T10:00', mailbox: RIKKE },
    ]);
    expect(await busyFreshness(fixture.store.db, id)).toEqual([
      { mailbox: MADS, fetchedAt: FIRST, attemptedAt: FIRST, error: null },
      { mailbox: RIKKE, fetchedAt: FIRST, attemptedAt: FIRST, error: null },
    ]);
  });

  it("replaces a mailbox's blocks on a good read, and keeps them with the reason on a failed one", async () => {
    const id = await newCohort();
    await recordBusyTimes(fixture.store.db, id, reads([
      [RIKKE, { ok: true, busy: [block('2027-03-25T09:00', '2027-03-25T10:00')] }],
      [MADS, { ok: true, busy: [block('2027-03-26T09:00', '2027-03-26T10:00')] }],
    ]), FIRST);
    await recordBusyTimes(fixture.store.db, id, reads([
      [RIKKE, { ok: true, busy: [block('2027-03-25T13:00', '2027-03-25T14:00')] }],
      [MADS, { ok: false, reason: 'Graph er overbelastet eller utilgængelig / Graph is throttling or unavailable (HTTP 503)' }],
    ]), SECOND);
    expect(await busyTimes(fixture.store.db, id)).toEqual([
      { start: '2027-03-25T13:00', end: '2027-03-25T14:00', mailbox: RIKKE },
      { start: '2027-03-26T09:00', end: '2027-03-26T10:00', mailbox: MADS },
    ]);
    expect(await busyFreshness(fixture.store.db, id)).toEqual([
      { mailbox: MADS, fetchedAt: FIRST, attemptedAt: SECOND, error: expect.stringContaining('HTTP 503') },
      { mailbox: RIKKE, fetchedAt: SECOND, attemptedAt: SECOND, error: null },
    ]);
  });

  it('says a mailbox was never read well, and forgets advisors who left the cohort', async () => {
    const id = await newCohort();
    await recordBusyTimes(fixture.store.db, id, reads([[RIKKE, { ok: true, busy: [block('2027-03-25T09:00', '2027-03-25T10:00')] }]]), FIRST);
    await recordBusyTimes(fixture.store.db, id, reads([[MADS, { ok: false, reason: 'ukendt / unknown' }]]), SECOND);
    expect(await busyTimes(fixture.store.db, id)).toEqual([]);
    expect(await busyFreshness(fixture.store.db, id)).toEqual([{ mailbox: MADS, fetchedAt: null, attemptedAt: SECOND, error: 'ukendt / unknown' }]);
  });

  it('keeps cohorts apart, and forgets one cohort whole', async () => {
    const [one, other] = [await newCohort(), await newCohort()];
    for (const id of [one, other]) await recordBusyTimes(fixture.store.db, id, reads([[RIKKE, { ok: true, busy: [block('2027-03-25T09:00', '2027-03-25T10:00')] }]]), FIRST);
    await forgetBusyTimes(fixture.store.db, one);
    expect([await busyTimes(fixture.store.db, one), await busyFreshness(fixture.store.db, one)]).toEqual([[], []]);
    expect(await busyTimes(fixture.store.db, other)).toHaveLength(1);
  });

  it('stores a calendar with more blocks than one insert takes', async () => {
    const id = await newCohort();
    const busy = Array.from({ length: 1200 }, (_, i) => {
      const day = `2027-03-${String(1 + Math.floor(i / 40)).padStart(2, '0')}`;
      const minute = (i % 40) * 15;
      const time = (m: number) => `${String(6 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return block(`${day}T${time(minute)}`, `${day}T${time(minute + 10)}`);
    });
    await recordBusyTimes(fixture.store.db, id, reads([[RIKKE, { ok: true, busy }]]), FIRST);
    expect(await busyTimes(fixture.store.db, id)).toHaveLength(1200);
  });
});
