import { bookSeries, cancelPlenaryByKey, rebookPlenaryByKey } from '../../src/app/calendar-commands';
import { changeCohort } from '../../src/app/change-cohort';
import { eraseCohort } from '../../src/app/erase-cohort';
import { mergeOutlookAnswers } from '../../src/app/merge-outlook-answers';
import { OutlookUnreadable, type AttendeeStatus, type EventResponses, type OutlookResponses } from '../../src/calendar/outlook-responses';
import type { Cohort, PlenaryMeeting } from '../../src/domain/cohort';
import { DomainError } from '../../src/domain/errors';
import { parseInstant } from '../../src/domain/local-time';
import { endOf } from '../../src/domain/schedule-rules';
import { engines, useStore } from '../support/engines';
import { refusal } from '../support/refusal';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { testClock } from '../support/test-clock';
import { eventObjectKey } from '../../src/calendar/plan-events';

// The real changeCohort, which a test can make meet a concurrent change once.
jest.mock('../../src/app/change-cohort', () => {
  const actual = jest.requireActual<typeof import('../../src/app/change-cohort')>('../../src/app/change-cohort');
  return { ...actual, changeCohort: jest.fn(actual.changeCohort) };
});

const ORGANIZER = 'moeder@agency.example.org';
const OTHER = 'andre.moeder@agency.example.org';
const LEADER = 'leder@aarhuskommune.example.org';

/** Organisers' calendars in memory: what each event says, which mailboxes answer, and what was asked. */
class Calendars implements OutlookResponses {
  readonly events = new Map<string, EventResponses>();
  readonly unreadable = new Set<string>();
  readonly reads: { mailbox: string; eventIds: readonly string[] }[] = [];

  async read(mailbox: string, eventIds: readonly string[]): Promise<Map<string, EventResponses>> {
    this.reads.push({ mailbox, eventIds });
    if (this.unreadable.has(mailbox)) throw new OutlookUnreadable(mailbox, 'Graph er overbelastet eller utilgængelig / Graph is throttling or unavailable (HTTP 429)');
    return new Map(eventIds.map((id) => [id, this.events.get(id) ?? { gone: true }]));
  }
}

describe.each(engines())('merging Outlook answers into stored cohorts on $name', (engine) => {
  const fixture = useStore(engine);
  const clock = testClock('2023-03-01T10:00:00.000Z');
  // Erasing is refused while booked meetings lie ahead; these cohorts are erased after their series.
  const afterTheSeries = testClock('2024-08-01T10:00:00.000Z');
  const deps = (calendars: Calendars) => ({ db: fixture.store.db, clock, responses: calendars });

  /** A booked cohort whose plenaries' events reached Outlook: each event's id is `evt:` and its object key. */
  async function bookedAndSent(organizer = ORGANIZER): Promise<Cohort> {
    const { cohort } = await fixture.store.cohorts.create(sampleCohort());
    await bookSeries({ db: fixture.store.db, clock }, cohort.id, organizer);
    await sendAll(cohort.id);
    return (await fixture.store.cohorts.load(cohort.id))!.cohort;
  }

  async function sendAll(cohortId: string) {
    const rows = await fixture.store.db.selectFrom('outbox_objects').select('object_key').where('cohort_id', '=', cohortId).where('remote_id', 'is', null).execute();
    for (const { object_key } of rows) {
      await fixture.store.db.updateTable('outbox_objects').set({ remote_id: `evt:${object_key}` }).where('object_key', '=', object_key).execute();
    }
  }

  /** The event of a plenary's current booking, as Outlook shows it: at the meeting's time, with these answers. */
  function inOutlook(calendars: Calendars, cohort: Cohort, key: string, attendees: AttendeeStatus[]) {
    const meeting = meetingByKey(cohort, key) as PlenaryMeeting;
    const id = `evt:${eventObjectKey(cohort, meeting, meeting.generation)}`;
    calendars.events.set(id, { gone: false, cancelled: false, start: meeting.schedule.start, end: endOf(meeting.schedule), attendees });
    return id;
  }

  const accepted = (address = LEADER): AttendeeStatus => ({ address, response: 'accepted', at: parseInstant('2023-04-01T10:00:00Z') });
  const stored = async (id: string) => (await fixture.store.cohorts.load(id))!;

  it("reads each organiser's calendar once for the events of every booked cohort's current bookings, and saves only what changed", async () => {
    const calendars = new Calendars();
    const first = await bookedAndSent();
    const second = await bookedAndSent();
    await cancelPlenaryByKey({ db: fixture.store.db, clock }, second.id, 'refleksion-3');
    await rebookPlenaryByKey({ db: fixture.store.db, clock }, second.id, 'refleksion-3', null);
    const { cohort: notBooked } = await fixture.store.cohorts.create(sampleCohort());
    const erased = await bookedAndSent();
    await eraseCohort({ db: fixture.store.db, clock: afterTheSeries }, erased.id);
    inOutlook(calendars, first, 'opstart', [accepted()]);

    const report = await mergeOutlookAnswers(deps(calendars));
    const read = calendars.reads.filter((r) => r.mailbox === ORGANIZER);
    expect(read).toHaveLength(1);
    expect(read[0]!.eventIds.filter((id) => id.includes(`:${notBooked.id}:`) || id.includes(`:${erased.id}:`))).toEqual([]);
    // The rebooked meeting's new event is not sent yet: only its cancelled one has an id, and that one is not read.
    expect(read[0]!.eventIds.filter((id) => id.includes(`:${second.id}:`))).toHaveLength(4);
    expect(read[0]!.eventIds.filter((id) => id.includes(`:${first.id}:`))).toHaveLength(5);
    const merged = report.merged.find((c) => c.cohortId === first.id)!;
    expect(merged).toMatchObject({ recorded: [{ meetingKey: 'opstart', person: 'Leder i Aarhus Kommune', answer: 'in_person' }], goneEvents: 4 });
    expect(report.merged.find((c) => c.cohortId === second.id)).toMatchObject({ recorded: [], goneEvents: 4 });
    expect(report.merged.map((c) => c.cohortId)).not.toContain(erased.id);

    const after = await stored(first.id);
    expect(after.cohort.rsvps).toEqual([expect.objectContaining({ answer: 'in_person', source: 'outlook', answeredAt: '2023-04-01T10:00:00.000Z' })]);
    const secondRevision = (await stored(second.id)).revision;
    const again = await mergeOutlookAnswers(deps(calendars), first.id);
    expect(again.merged).toEqual([expect.objectContaining({ recorded: [], alreadyKnown: 1 })]);
    expect((await stored(first.id)).revision).toBe(after.revision);
    expect((await stored(second.id)).revision).toBe(secondRevision);
  });

  it('leaves the cohorts of a calendar it cannot read for the next round, and merges the others', async () => {
    const calendars = new Calendars();
    const readable = await bookedAndSent();
    const throttled = await bookedAndSent(OTHER);
    inOutlook(calendars, readable, 'opstart', [accepted()]);
    inOutlook(calendars, throttled, 'opstart', [accepted()]);
    calendars.unreadable.add(OTHER);

    const report = await mergeOutlookAnswers(deps(calendars));
    expect(report.unread).toEqual([{ mailbox: OTHER, reason: expect.stringContaining('HTTP 429'), cohortIds: [throttled.id] }]);
    expect((await stored(throttled.id)).cohort.rsvps).toEqual([]);
    expect((await stored(readable.id)).cohort.rsvps).toHaveLength(1);
  });

  it('leaves a cohort changed at the same time for the next round', async () => {
    const calendars = new Calendars();
    const cohort = await bookedAndSent();
    inOutlook(calendars, cohort, 'opstart', [accepted()]);
    jest.mocked(changeCohort).mockRejectedValueOnce(new DomainError('concurrent_change', { da: 'Ændret imens.', en: 'Changed meanwhile.' }));

    const report = await mergeOutlookAnswers(deps(calendars), cohort.id);
    expect(report).toEqual({ merged: [], changedMeanwhile: [cohort.id], unread: [] });
    expect((await mergeOutlookAnswers(deps(calendars), cohort.id)).merged).toEqual([expect.objectContaining({ recorded: [expect.objectContaining({ answer: 'in_person' })] })]);
  });

  it('refuses to read for an unknown, unbooked or erased cohort', async () => {
    const calendars = new Calendars();
    const { cohort: notBooked } = await fixture.store.cohorts.create(sampleCohort());
    const erased = await bookedAndSent();
    await eraseCohort({ db: fixture.store.db, clock: afterTheSeries }, erased.id);
    expect((await refusal(mergeOutlookAnswers(deps(calendars), 'no-such-cohort'))).code).toBe('unknown_cohort');
    expect((await refusal(mergeOutlookAnswers(deps(calendars), notBooked.id))).code).toBe('not_booked');
    expect((await refusal(mergeOutlookAnswers(deps(calendars), erased.id))).code).toBe('cohort_erased');
    expect(calendars.reads).toEqual([]);
  });
});
