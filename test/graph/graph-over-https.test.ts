import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';
import type { CalendarEventState } from '../../src/calendar/event-state';
import { plannedSlotEvents } from '../../src/calendar/plan-slot-events';
import { bookCohort } from '../../src/domain/booking';
import { parseInstant, parseLocalDateTime } from '../../src/domain/local-time';
import { bookSlot, cancelSlot } from '../../src/domain/slots';
import { CANCEL_COMMENT, GRAPH_TIME_ZONE, transactionIdOf } from '../../src/graph/event-payload';
import type { ObjectStatus } from '../../src/outbox/outbox-status';
import type { DesiredObject } from '../../src/outbox/record-desired';
import { GraphDouble, type EventRecord } from '../support/graph-double';
import { freePort } from '../support/http';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { onlineEvent, physicalEvent } from './sample-event';

const REGISTER = resolve(__dirname, '../support/ts-register.js');
const FIXTURE = resolve(__dirname, 'fixtures/outbox-over-https.ts');

const DOMAIN = 'tenant.example';
const MAILBOX = `forloeb@${DOMAIN}`;
const FAULTY = `belastet@${DOMAIN}`;
const NO_TEAMS = `delt@${DOMAIN}`;
const BLOCKED = `spaerret@${DOMAIN}`;
const GHOST = `findes.ikke@${DOMAIN}`;
const CERT_APP = 'c3a1f00d-0000-4000-8000-00000000c3a1';

interface Run {
  rounds: number;
  status: ObjectStatus[];
  remoteIds: Record<string, string | null>;
  error?: string;
}

const at = (value: string) => parseLocalDateTime(value);

/** The 2023 edition's plenaries: spring and autumn on both sides of the DST change, one of them virtual. */
const PLENARIES: Record<string, CalendarEventState> = {
  kickoff: physicalEvent(),
  reflection1: onlineEvent(),
  reflection2: physicalEvent({ bookingKey: 'cohort-1/reflection-2/1', subject: 'M-ACT forår 2023: Refleksionsmøde 2', start: at('2023-08-30T09:30'), end: at('2023-08-30T15:30') }),
  reflection3: physicalEvent({ bookingKey: 'cohort-1/reflection-3/1', subject: 'M-ACT forår 2023: Refleksionsmøde 3', start: at('2023-09-26T09:30'), end: at('2023-09-26T15:30') }),
  closing: physicalEvent({ bookingKey: 'cohort-1/closing/1', subject: 'M-ACT forår 2023: Afslutningsmøde', start: at('2023-10-31T09:30'), end: at('2023-10-31T15:30') }),
};

describe('the outbox sending Outlook events through the real Graph client and msal-node, over HTTPS', () => {
  let double: GraphDouble;
  let dir: string;
  let certFile: string;
  let runs = 0;

  const keyOf = (cohortId: string, name: string, generation = 1) => `event:${cohortId}:${name}:${generation}`;
  const object = (cohortId: string, name: string, state: CalendarEventState | null, target = MAILBOX, generation = 1): DesiredObject => ({
    objectKey: keyOf(cohortId, name, generation),
    cohortId,
    kind: 'graph.event',
    target,
    label: { da: name, en: name },
    // The cohort as category, as the product does: the double's duplicate count groups by it and the subject.
    state: state && { ...state, bookingKey: `${cohortId}/${name}/${generation}`, categories: [cohortId] },
  });

  /** One server instance's worth of outbox: records the objects, drains the cohort, reports. */
  function run(cohortId: string, objects: DesiredObject[], env: Record<string, string> = {}, database = `${cohortId}.sqlite`): Promise<Run> {
    const objectsFile = join(dir, `objects-${++runs}.json`);
    writeFileSync(objectsFile, JSON.stringify(objects));
    const childEnv = { PATH: process.env.PATH ?? '', ...double.env(), DATABASE_FILE: join(dir, database), OBJECTS: objectsFile, COHORT_ID: cohortId, ...env };
    return new Promise((done, fail) =>
      execFile(process.execPath, ['-r', REGISTER, FIXTURE], { env: childEnv, timeout: 30_000 }, (error, stdout, stderr) => {
        if (error) return fail(new Error(`${error.message}\n${stderr}`));
        const result = JSON.parse(stdout) as Run;
        return result.error ? fail(new Error(result.error)) : done(result);
      }),
    );
  }

  /** The double's events of one test's cohort, told apart by the transactionIds of its bookings. */
  const eventsOf = (cohortId: string): EventRecord[] =>
    double.events().filter((e) => e.transactionId !== null && (cohortEvents.get(cohortId)?.has(e.transactionId) ?? false));
  const cohortEvents = new Map<string, Set<string>>();
  const remember = (objects: DesiredObject[]) => {
    for (const o of objects) {
      const state = o.state as CalendarEventState | null;
      if (!state) continue;
      if (!cohortEvents.has(o.cohortId)) cohortEvents.set(o.cohortId, new Set());
      cohortEvents.get(o.cohortId)!.add(transactionIdOf(state.bookingKey));
    }
    return objects;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'graph-over-https-'));
    const pems = await generate([{ name: 'commonName', value: 'gruppeforloeb-daemon' }], { keySize: 2048, algorithm: 'sha256' });
    certFile = join(dir, 'app.pem');
    writeFileSync(certFile, `${pems.private}\n${pems.cert}`);
    double = await GraphDouble.start({
      tenantDomain: DOMAIN,
      retryAfterSeconds: 0,
      apps: [
        { clientId: '0b5e1c3a-0000-4000-8000-000000000001', secret: 'the-secret-value', roles: ['Calendars.ReadWrite'] },
        { clientId: CERT_APP, certificates: [pems.cert], roles: ['Calendars.ReadWrite'] },
      ],
      users: [
        { upn: MAILBOX, displayName: 'Gruppeforløb' },
        { upn: FAULTY, displayName: 'Belastet' },
        { upn: NO_TEAMS, displayName: 'Delt postkasse', teams: false },
        { upn: BLOCKED, displayName: 'Spærret', accessPolicyDenied: true },
      ],
    });
  });

  afterAll(async () => {
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('books every plenary once, moves one in place, cancels one and books it again as a new event', async () => {
    const cohort = 'series';
    const before = double.counts();
    const booked = await run(cohort, remember(Object.entries(PLENARIES).map(([name, state]) => object(cohort, name, state))));
    expect(booked.status.map((s) => s.state)).toEqual(Array(5).fill('sent'));
    const events = eventsOf(cohort);
    expect(events).toHaveLength(5);
    const byKey = new Map(events.map((e) => [e.id, e]));
    const kickoff = byKey.get(booked.remoteIds[keyOf(cohort, 'kickoff')]!)!;
    const closing = byKey.get(booked.remoteIds[keyOf(cohort, 'closing')]!)!;
    const reflection = byKey.get(booked.remoteIds[keyOf(cohort, 'reflection1')]!)!;
    // 09:30 in Copenhagen on both sides of the DST change, stated in the zone it was given in.
    expect(kickoff.start).toEqual({ utc: '2023-05-04T07:30:00.000Z', zone: GRAPH_TIME_ZONE });
    expect(closing.start).toEqual({ utc: '2023-10-31T08:30:00.000Z', zone: GRAPH_TIME_ZONE });
    expect(kickoff.attendees.map((a) => a.address)).toEqual(PLENARIES.kickoff!.attendees.map((a) => a.email));
    expect(kickoff.other.location).toMatchObject({ displayName: PLENARIES.kickoff!.location!.displayName, address: { city: 'Odense C' } });
    expect(reflection).toMatchObject({ isOnlineMeeting: true, joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\//) });
    const reflectionStatus = booked.status.find((s) => s.objectKey === keyOf(cohort, 'reflection1'))!;
    expect(reflectionStatus.details).toEqual({
      fields: { id: reflection.id, iCalUId: reflection.iCalUId, webLink: expect.stringContaining('outlook'), joinUrl: reflection.joinUrl },
      warning: null,
    });
    const afterBooking = double.counts();
    expect(afterBooking.eventsCreated - before.eventsCreated).toBe(5);
    expect(afterBooking.batches - before.batches).toBe(1);
    expect(afterBooking).toMatchObject({ maxItemsPerBatch: 5, unservedLoginRequests: [] });
    expect(afterBooking.perMailbox[MAILBOX]?.maxCallsInFlight).toBe(1);

    // The Teams meeting moves a day: a PATCH of its times alone, so its join link stays.
    const moved = { ...PLENARIES.reflection1!, start: at('2023-06-07T09:00'), end: at('2023-06-07T13:30') };
    const afterMove = await run(cohort, [object(cohort, 'reflection1', moved)]);
    expect(afterMove.remoteIds[keyOf(cohort, 'reflection1')]).toBe(reflection.id);
    const movedEvent = double.events().find((e) => e.id === reflection.id)!;
    expect(movedEvent).toMatchObject({ start: { utc: '2023-06-07T07:00:00.000Z' }, joinUrl: reflection.joinUrl, body: reflection.body });
    expect(double.notifications().filter((n) => n.eventId === reflection.id && n.kind === 'update')).toHaveLength(3);

    // Cancelled: everyone hears it in Danish. Booked again: a new event with a new transactionId.
    const cancelled = await run(cohort, [object(cohort, 'reflection1', null)]);
    expect(cancelled.remoteIds[keyOf(cohort, 'reflection1')]).toBeNull();
    expect(double.events().find((e) => e.id === reflection.id)!.isCancelled).toBe(true);
    expect(double.notifications().filter((n) => n.eventId === reflection.id && n.kind === 'cancellation').map((n) => n.comment)).toEqual(Array(3).fill(CANCEL_COMMENT));
    const rebooked = await run(cohort, remember([object(cohort, 'reflection1', moved, MAILBOX, 2)]));
    const fresh = rebooked.remoteIds[keyOf(cohort, 'reflection1', 2)]!;
    expect(fresh).not.toBe(reflection.id);
    expect(eventsOf(cohort).filter((e) => !e.isCancelled)).toHaveLength(5);
    const after = double.counts();
    expect(after.eventsCreated - before.eventsCreated).toBe(6);
    expect(after).toMatchObject({ duplicateTransactionIds: 0, liveDuplicates: {} });
  });

  it("keeps exactly one live event per municipality's follow-up call as a leader books, rebooks, cancels and books again", async () => {
    const at0 = parseInstant('2023-11-01T08:00:00Z');
    let cohort = bookCohort({ ...sampleCohort(), id: 'slots' }, MAILBOX, at0);
    const followup = meetingByKey(cohort, 'opfoelgning').id;
    const municipalityId = cohort.municipalities[0]!.id;
    const leader = cohort.municipalities[0]!.participants[0]!;
    const book = (start: string) => {
      cohort = bookSlot(cohort, { meetingId: followup, municipalityId, start: at(start), phone: '+45 11 22 33 44', bookedBy: { id: leader.id, phone: null }, at: at0 }, [], at('2023-11-01T09:00'));
      return remember(plannedSlotEvents(cohort));
    };
    const live = () => eventsOf('slots').filter((e) => !e.isCancelled);

    await run('slots', book('2024-01-09T09:00'));
    expect(live()).toHaveLength(1);
    const first = live()[0]!;
    expect(first).toMatchObject({ start: { utc: '2024-01-09T08:00:00.000Z' }, isOnlineMeeting: false });
    expect(first.other.location).toMatchObject({ displayName: 'Telefon: +45 11 22 33 44' });

    await run('slots', book('2024-01-10T10:15'));
    expect(live()).toEqual([expect.objectContaining({ id: first.id, start: expect.objectContaining({ utc: '2024-01-10T09:15:00.000Z' }) })]);

    cohort = cancelSlot(cohort, followup, municipalityId);
    await run('slots', plannedSlotEvents(cohort));
    expect(live()).toEqual([]);

    await run('slots', book('2024-01-11T09:00'));
    expect(live()).toHaveLength(1);
    expect(live()[0]!.id).not.toBe(first.id);
  });

  it('loses and doubles nothing when Graph throttles, fails, hangs and loses answers', async () => {
    const cohort = 'faults';
    const before = double.counts();
    double.configure({ mailboxes: { [FAULTY]: { throttleRate: 0.3, unavailableRate: 0.1 } }, nextCalls: ['lost', 'unavailable', 'hang', 'reset', 'timeout'] });
    try {
      const objects = remember(Object.entries(PLENARIES).map(([name, state]) => object(cohort, name, state, FAULTY)));
      const result = await run(cohort, objects, { SEND_TIMEOUT_MS: '1500', DEADLINE_MS: '25000' });
      expect(Object.fromEntries(result.status.map((s) => [s.objectKey, s.state]))).toEqual(Object.fromEntries(objects.map((o) => [o.objectKey, 'sent'])));
      const live = eventsOf(cohort).filter((e) => !e.isCancelled);
      expect(live).toHaveLength(5);
      expect(new Set(Object.values(result.remoteIds))).toEqual(new Set(live.map((e) => e.id)));
      const after = double.counts();
      expect(after.duplicateTransactionIds).toBe(0);
      expect(after.liveDuplicates).toEqual({});
      expect(after.answersLost).toBeGreaterThan(before.answersLost);
      expect(after.duplicateCreatesRefused).toBeGreaterThan(before.duplicateCreatesRefused);
      expect(after.perMailbox[FAULTY]?.maxCallsInFlight).toBe(1);
      // One token for the whole drain: msal-node kept it between batches.
      expect(after.tokenRequests - before.tokenRequests).toBe(1);
    } finally {
      double.configure({ mailboxes: {}, nextCalls: [] });
    }
  });

  it('finds a create whose answer was lost and brings it up to date, keeping its Teams link, instead of making it twice', async () => {
    const cohort = 'lost-answer';
    const first = onlineEvent();
    double.configure({ nextCalls: ['lost'] });
    const lost = await run(cohort, remember([object(cohort, 'reflection1', first)]), { MAX_ROUNDS: '1' });
    expect(lost.status).toEqual([expect.objectContaining({ state: 'planned', reason: expect.stringMatching(/^Graph kunne ikke nås \/ Graph could not be reached/) })]);
    expect(eventsOf(cohort)).toHaveLength(1);
    const made = eventsOf(cohort)[0]!;

    // Before the retry the meeting moves and gets a new text: the create carries the new state, Graph refuses
    // its transactionId, and the event made first is found and updated in place.
    const changed = { ...first, bodyHtml: '<p>Tema: Lokal ledelse og styring</p>', start: at('2023-06-07T09:00'), end: at('2023-06-07T13:30') };
    const result = await run(cohort, [object(cohort, 'reflection1', changed)]);
    expect(result.status).toEqual([expect.objectContaining({ state: 'sent', details: expect.objectContaining({ fields: expect.objectContaining({ joinUrl: made.joinUrl }) }) })]);
    expect(result.remoteIds[keyOf(cohort, 'reflection1')]).toBe(made.id);
    const events = eventsOf(cohort);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: made.id, start: { utc: '2023-06-07T07:00:00.000Z' }, isOnlineMeeting: true, joinUrl: made.joinUrl });
    expect(events[0]!.body.content).toContain('Lokal ledelse og styring');
    expect(events[0]!.body.content).toContain(made.joinUrl!);
  });

  it('cancels for everyone an event whose create answer was lost, finding it by its transactionId', async () => {
    const cohort = 'lost-then-cancelled';
    double.configure({ nextCalls: ['lost'] });
    const lost = await run(cohort, remember([object(cohort, 'kickoff', physicalEvent())]), { MAX_ROUNDS: '1' });
    expect(lost.status).toEqual([expect.objectContaining({ state: 'planned' })]);
    expect(lost.remoteIds[keyOf(cohort, 'kickoff')]).toBeNull();
    const [made] = eventsOf(cohort);
    expect(made).toMatchObject({ isCancelled: false });

    // Cancelled before any retry: no id was ever recorded, yet the event is in everyone's calendar.
    const cancelled = await run(cohort, [object(cohort, 'kickoff', null)]);
    expect(cancelled.status).toEqual([expect.objectContaining({ state: 'sent', reason: null })]);
    expect(eventsOf(cohort)).toEqual([expect.objectContaining({ id: made!.id, isCancelled: true })]);
    expect(double.notifications().filter((n) => n.eventId === made!.id && n.kind === 'cancellation').map((n) => n.comment)).toEqual(
      Array(PLENARIES.kickoff!.attendees.length).fill(CANCEL_COMMENT),
    );
  });

  it('counts done, after one lookup, the cancellation of a create that never reached Graph', async () => {
    const cohort = 'reset-then-cancelled';
    double.configure({ nextCalls: ['reset'] });
    const reset = await run(cohort, remember([object(cohort, 'closing', PLENARIES.closing!)]), { MAX_ROUNDS: '1' });
    expect(reset.status).toEqual([expect.objectContaining({ state: 'planned' })]);
    expect(eventsOf(cohort)).toEqual([]);
    const before = double.counts();
    const cancelled = await run(cohort, [object(cohort, 'closing', null)]);
    expect(cancelled.status).toEqual([expect.objectContaining({ state: 'sent', reason: null })]);
    expect(eventsOf(cohort)).toEqual([]);
    expect(double.counts().batches - before.batches).toBe(1);
  });

  it("fails an invalid attendee alone, says what the mailbox lacks, and warns of a Teams meeting without a link", async () => {
    const cohort = 'refusals';
    const tokens = double.counts().tokenRequests;
    const invalid = physicalEvent({ attendees: [{ name: 'Uden adresse', email: 'ikke-en-adresse' }] });
    const result = await run(cohort, [
      object(cohort, 'valid', physicalEvent()),
      object(cohort, 'invalid', invalid),
      object(cohort, 'shared', onlineEvent(), NO_TEAMS),
      object(cohort, 'blocked', physicalEvent(), BLOCKED),
      object(cohort, 'ghost', physicalEvent(), GHOST),
    ]);
    const status = Object.fromEntries(result.status.map((s) => [s.objectKey.split(':')[2], s]));
    expect(status.valid).toMatchObject({ state: 'sent' });
    expect(status.invalid).toMatchObject({ state: 'failed', reason: expect.stringContaining('ErrorInvalidRecipients') });
    expect(status.shared).toMatchObject({ state: 'sent', details: { warning: { da: expect.stringContaining('Teams-licens') } } });
    expect(status.blocked).toMatchObject({ state: 'failed', reason: expect.stringMatching(/Calendars\.ReadWrite.*ORGANIZER_MAILBOX/) });
    // Four mailboxes sent to at once, one token asked for.
    expect(double.counts().tokenRequests - tokens).toBe(1);
    expect(status.ghost).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^Postkassen findes\.ikke@tenant\.example findes ikke.*ORGANIZER_MAILBOX/) });
  });

  it('says in Danish and English that the client secret is wrong, and sends nothing', async () => {
    const cohort = 'wrong-secret';
    const calls = double.counts().graphCalls;
    const result = await run(cohort, [object(cohort, 'kickoff', physicalEvent())], { AAD_APP_CLIENT_SECRET: 'the-secret-id-by-mistake' });
    expect(result.status).toEqual([
      expect.objectContaining({ state: 'failed', reason: expect.stringMatching(/^Entra ID afviste klienthemmeligheden: AAD_APP_CLIENT_SECRET .* \/ Entra ID refused the client secret.*AADSTS7000215/) }),
    ]);
    expect(double.counts().graphCalls).toBe(calls);
  });

  it.each([
    ['a tenant the authority does not know', async () => ({ AAD_APP_TENANT_ID: '99999999-9999-4999-8999-999999999999' })],
    ['an authority that does not answer', async () => ({ AAD_APP_OAUTH_AUTHORITY_HOST: `https://127.0.0.1:${await freePort()}` })],
  ])('keeps trying, naming the tenant and the sign-in host, with %s', async (_case, env) => {
    const cohort = `no-token-${++runs}`;
    const result = await run(cohort, [object(cohort, 'kickoff', physicalEvent())], { ...(await env()), MAX_ROUNDS: '1' });
    expect(result.status).toEqual([
      expect.objectContaining({ state: 'planned', reason: expect.stringMatching(/^Login-tjenesten https:\/\/127\.0\.0\.1:\d+ kunne ikke nås eller kender ikke tenant .*AAD_APP_TENANT_ID/) }),
    ]);
  });

  it('signs in with a certificate instead of a secret', async () => {
    const cohort = 'certificate';
    const env = { AAD_APP_CLIENT_ID: CERT_APP, AAD_APP_CLIENT_SECRET: '', AAD_APP_CERTIFICATE_PATH: certFile };
    const result = await run(cohort, [object(cohort, 'kickoff', physicalEvent())], env);
    expect(result.status).toEqual([expect.objectContaining({ state: 'sent' })]);
  });
});
