import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { botEndpoint } from '../bot/bot-endpoint';
import { CONVERSATION_PACING_MS } from '../bot/teams-sender';
import { bookSeries } from '../src/app/calendar-commands';
import { clockStartingAt, type Clock } from '../src/app/clock';
import { planReminders } from '../src/app/plan-reminders';
import type { Cohort, Participant } from '../src/domain/cohort';
import type { Change, Outcome } from '../src/outbox/change';
import type { Sender } from '../src/outbox/sender';
import { saveConversation } from '../src/reach/conversation-references';
import { TEAMS_MESSAGE_KIND } from '../src/reach/teams-message';
import { createLog, type Log } from '../src/server/log';
import { startOutbox } from '../src/server/outbox-runner';
import { busyTimes } from '../src/store/busy-times';
import { openStore, type Store, type StoreOptions } from '../src/store/open-store';
import {
  BotConnectorDouble,
  cardActionActivity,
  installationUpdateActivity,
  makeTeamsUser,
  postActivity,
  TEAMS_RATE_LIMITS,
  type PersonalChat,
  type TeamsUser,
} from '../test/support/bot-connector-double';
import { spawnMain, waitForHealthy, type ChildServer } from '../test/support/child-server';
import { freePort, tempDir } from '../test/support/http';
import { meetingByKey, municipality, participant, sampleCohort } from '../test/support/sample-cohort';
import { benchDatabase } from './bench-database';
import type { BenchModule, Figure } from './figures';

/**
 * 10:00 in Copenhagen on 23 May 2023: exactly 14 days before the 2023 programme's first reflection
 * meeting (6 June, 09:00, virtual, with presentations). Then one reminder is due per participant,
 * the 14-day presentation reminder: the kick-off (4 May) is over, the other reflection meetings'
 * 14 days are not reached, and the RSVP, head-count and practical windows of all lie later.
 */
const MOMENT = new Date('2023-05-23T08:00:00.000Z');
const ORGANIZER = 'forloeb@agency.example.org';

const RSVP_USERS = 50;
const RSVP_PRESSES = 10;
/** 5 municipalities × 10 participants: one cohort, so every press is a change to the same cohort. */
const RSVP_MUNICIPALITIES = 5;
/** Physical, so `in_person` and `declined` are both answers it offers; its catering deadline is in August. */
const RSVP_MEETING = 'refleksion-2';
/**
 * 10 May 2023, Copenhagen time, for the server's LOCAL_NOW: between the kick-off (4 May) and the
 * first reminder of the programme (23 May), so the server's reminder task records nothing and its
 * outbox worker sends nothing while the presses are measured.
 */
const RSVP_LOCAL_NOW = '2023-05-10T10:00';
const RSVP_MOMENT = new Date('2023-05-10T08:00:00.000Z');

const RECIPIENTS = 1000;
/** 50 cohorts × 5 municipalities × 4 participants: cohorts of ordinary size, 20 people each. */
const REMINDER_COHORTS = 50;
const REMINDER_MUNICIPALITIES = 5;
const REMINDER_PARTICIPANTS = 4;
/** One booked cohort's recipients. */
const COHORT_SIZE = REMINDER_MUNICIPALITIES * REMINDER_PARTICIPANTS;
const DELIVERY_TIMEOUT_MS = 90_000;
const POLL_MS = 10;

/** The fault run: 429s met by some conversations' sends, as the double answers a throttled call. */
const FAULT_RECIPIENTS = 300;
/** Conversations whose first send meets one 429: botbuilder's own retry gets through. */
const ONE_429 = 30;
/** Conversations whose first four attempts meet a 429: botbuilder gives up, the outbox retries. */
const FOUR_429 = 10;
const RETRY_AFTER_S = 1;

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
export const round = (value: number, places = 0) => Math.round(value * 10 ** places) / 10 ** places;

/** Nearest rank: the smallest sample at or above `p` of them all. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A Teams user who is the participant: the same address, as `teamsUserFor` of the bot tests. */
export function teamsUserFor(person: Participant): TeamsUser {
  const { name, email } = person.person!;
  return { ...makeTeamsUser(name), email, userPrincipalName: email };
}

/**
 * The 2023 programme with `municipalities` × `each` participants, e-mail addresses unique to `tag`;
 * the first `leaders(m)` of municipality m (one by default) are its contacts, its leaders.
 */
export function cohortOf(tag: string, municipalities: number, each: number, leaders: (m: number) => number = () => 1): Cohort {
  const base = sampleCohort();
  return {
    ...base,
    name: `M-ACT 2023 ${tag}`,
    municipalities: Array.from({ length: municipalities }, (_, m) =>
      municipality(
        `Kommune ${tag}-${m + 1}`,
        Array.from({ length: each }, (_, p) => participant(`Deltager ${tag} ${m + 1} ${p + 1}`, `d${p + 1}.k${m + 1}.${tag}@kommune.example.org`, p < leaders(m))),
      ),
    ),
  };
}

export async function seedCohort(store: Store, clock: Clock, cohort: Cohort): Promise<Cohort> {
  const created = (await store.cohorts.create(cohort)).cohort;
  return (await bookSeries({ db: store.db, clock }, created.id, ORGANIZER)).cohort;
}

const participantsOf = (cohort: Cohort) => cohort.municipalities.flatMap((m) => m.participants);

/** Log lines kept, warnings and errors counted: a bench run must not hide a failing turn. */
function keptLog(): { log: Log; problems: string[] } {
  const problems: string[] = [];
  return { log: createLog('warn', () => undefined, (line) => problems.push(line)), problems };
}

// ---------------------------------------------------------------- RSVP invokes

interface RsvpResult {
  samples: number[];
  /** Of the presses answered with the confirmation. */
  acceptedSamples: number[];
  /** Presses answered with something other than the confirmation of the answer given. */
  refused: string[];
  /** Participants whose stored answer is not their last one. */
  wrongState: number;
  /** From the first press to the last answer. */
  spanMs: number;
  /** What the server wrote to stderr (warnings and errors at LOG_LEVEL=warn). */
  problems: string[];
}

/** The built server as `npm start` runs it, in local mode (LOCAL_NOW, no tokens), in a child process of its own. */
export interface BotChild {
  child: ChildServer;
  url: string;
  /** Where the Bot Framework service posts activities. */
  endpoint: string;
  /** What the server wrote to stderr (warnings and errors at LOG_LEVEL=warn). */
  problems(): string[];
  /** SIGTERM, and a clean exit expected. */
  stop(): Promise<void>;
  /** Kills it if it still runs, and removes its directory: for `finally`. */
  close(): void;
}

/**
 * A child process, so the clients and the Bot Connector double in the bench process do not share
 * its event loop; `env` says which database (DATABASE_FILE or DATABASE_URL).
 */
export async function startBotChild(localNow: string, env: Record<string, string>): Promise<BotChild> {
  const dir = tempDir('gf-bot-bench-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnMain({ PATH: process.env.PATH ?? '', PORT: String(port), LOCAL_NOW: localNow, LOG_LEVEL: 'warn', ...env }, dir);
  const close = () => {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealthy(url, child, 15_000);
  } catch (error) {
    close();
    throw error;
  }
  return {
    child,
    url,
    endpoint: `${url}/api/messages`,
    problems: () => child.stderr().split('\n').filter((line) => line.trim() !== ''),
    stop: () => stopChild(child),
    close,
  };
}

/** Each user installs the app: the welcome makes the bot look up and keep their address, as in Teams. */
export async function installApp(endpoint: string, chats: PersonalChat[]): Promise<void> {
  for (const chat of chats) {
    const installed = await postActivity(endpoint, installationUpdateActivity(chat, 'add'));
    if (installed.status !== 200) throw new Error(`installing the app for ${chat.user.email} answered ${installed.status}`);
  }
}

/**
 * One kept-alive connection per user before the clock starts, as the Bot Framework service keeps
 * its connections to a bot: opened while the server is busy, new connections are accepted late,
 * and a few first presses would wait seconds behind the others' presses on open connections.
 */
export async function openConnections(url: string, users: number): Promise<void> {
  await Promise.all(Array.from({ length: users }, () => fetch(`${url}/healthz`).then((res) => res.text())));
}

/** The texts of the card an invoke was answered with, as JSON has them. */
export function cardTexts(body: unknown): string[] {
  return [...JSON.stringify(body ?? null).matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
}

/**
 * The server in a child process (startBotChild). One booked cohort of 50; each participant installs
 * the app, then presses RSVP 10 times, answers alternating, all 50 at once, each waiting for the
 * answer to a press before the next.
 */
async function rsvpRun(where: { env: Record<string, string>; options: StoreOptions }): Promise<RsvpResult> {
  const clock = clockStartingAt(RSVP_MOMENT);
  const seeding = await openStore({ ...where.options, clock });
  let cohort: Cohort;
  try {
    cohort = await seedCohort(seeding, clock, cohortOf('rsvp', RSVP_MUNICIPALITIES, RSVP_USERS / RSVP_MUNICIPALITIES));
  } finally {
    await seeding.close();
  }
  const meeting = meetingByKey(cohort, RSVP_MEETING);
  const connector = await BotConnectorDouble.start();
  let server: BotChild | null = null;
  try {
    server = await startBotChild(RSVP_LOCAL_NOW, where.env);
    const { endpoint } = server;
    const users = participantsOf(cohort).map((p) => ({ participant: p, chat: connector.chat(teamsUserFor(p)) }));
    if (users.length !== RSVP_USERS) throw new Error(`the RSVP cohort has ${users.length} participants, not ${RSVP_USERS}`);
    await installApp(endpoint, users.map((u) => u.chat));
    await openConnections(server.url, users.length);
    const samples: number[] = [];
    const acceptedSamples: number[] = [];
    const refused: string[] = [];
    const press = async (chat: PersonalChat, answer: 'in_person' | 'declined') => {
      const data = { cohortId: cohort.id, meetingId: meeting.id, version: meeting.version, answer };
      const started = performance.now();
      const reply = await postActivity(endpoint, cardActionActivity(chat, { verb: 'rsvp', data }));
      const ms = performance.now() - started;
      samples.push(ms);
      const texts = cardTexts(reply.body);
      if (reply.status === 200 && texts.some((t) => t.startsWith('Dit svar'))) acceptedSamples.push(ms);
      else refused.push(`${reply.status}: ${texts.join(' | ').slice(0, 200)}`);
    };
    const first = performance.now();
    await Promise.all(
      users.map(async ({ chat }) => {
        for (let i = 0; i < RSVP_PRESSES; i++) await press(chat, i % 2 === 0 ? 'in_person' : 'declined');
      }),
    );
    const spanMs = performance.now() - first;
    await server.stop();
    const last = RSVP_PRESSES % 2 === 1 ? 'in_person' : 'declined';
    const reading = await openStore(where.options);
    try {
      const stored = (await reading.cohorts.load(cohort.id))!.cohort;
      const answerOf = (p: Participant) => stored.rsvps.find((r) => r.meetingId === meeting.id && r.participantId === p.id)?.answer;
      const wrongState = users.filter(({ participant: p }) => answerOf(p) !== last).length;
      return { samples, acceptedSamples, refused, wrongState, spanMs, problems: server.problems() };
    } finally {
      await reading.close();
    }
  } finally {
    server?.close();
    await connector.close();
  }
}

async function stopChild(child: ChildServer): Promise<void> {
  child.process.kill('SIGTERM');
  const { code, signal } = await child.exit;
  if (code !== 0) throw new Error(`the server exited with ${code ?? signal} after SIGTERM: ${child.stderr()}`);
}

function rsvpFigures(result: RsvpResult, suffix: string, engine: string): Figure[] {
  if (result.problems.length > 0) console.log(`# bot.rsvp${suffix}: the server logged ${result.problems.length} lines at warn/error, e.g. ${result.problems[0]}`);
  const setting =
    `${RSVP_USERS} participants of one booked cohort (${RSVP_MUNICIPALITIES} municipalities), app installed, each pressing RSVP ${RSVP_PRESSES} times ` +
    `(in_person/declined alternating), all ${RSVP_USERS} at once; the built server in a child process (local mode) on ${engine}, ` +
    `clients (one kept-alive connection each) and Bot Connector double in the bench process; from POST /api/messages to its answer; ` +
    `${result.samples.length} presses, refused ones included, in ${round(result.spanMs / 1000, 2)} s (${round(result.samples.length / (result.spanMs / 1000))} presses/s)`;
  const accepted = result.acceptedSamples;
  const ofAccepted = accepted.length === 0 ? 'none accepted' : `the ${accepted.length} accepted only: p50 ${round(percentile(accepted, 50), 1)} ms, p99 ${round(percentile(accepted, 99), 1)} ms`;
  return [
    { name: `bot.rsvp_invoke_p50_ms${suffix}`, value: round(percentile(result.samples, 50), 1), unit: 'ms', note: setting },
    { name: `bot.rsvp_invoke_p99_ms${suffix}`, value: round(percentile(result.samples, 99), 1), unit: 'ms', note: ofAccepted },
    {
      name: `bot.rsvp_invoke_refused${suffix}`,
      value: result.refused.length,
      unit: 'count',
      note:
        `presses answered with anything but the confirmation of the answer given; ${result.wrongState} of ${RSVP_USERS} participants' stored answer is not their last` +
        (result.refused[0] ? `; e.g. ${result.refused[0]}` : ''),
    },
  ];
}

// ---------------------------------------------------------------- reminders

interface ReminderResult {
  recipients: number;
  planMs: number;
  /** From calling planReminders to the double holding a message for every recipient; null: never. */
  deliveredMs: number | null;
  /** From calling planReminders until nothing was owed any more, delivered or not. */
  settledMs: number;
  lost: number;
  duplicated: number;
  sendCalls: number;
  sendMsTotal: number;
  /** Sender calls that took a Retry-After or longer: botbuilder waited out a 429 inside them. */
  waitedSends: number;
  waitedMsTotal: number;
  maxInFlight: number;
  throttled: number;
  /** Outbox rows recorded as sent with no activity id: the send failed, and nobody was told. */
  sentWithoutId: number;
  failedRows: number;
  /** Warnings and errors the product logged, e.g. a failed turn. */
  problems: string[];
}

/**
 * `recipients` participants in cohorts of 20, each in a 1:1 chat the bot knows, and the clock at a
 * moment when one reminder is due to each; planReminders records them once, and the product's own
 * outbox runner (startOutbox: one OutboxWorker per process) delivers them with the bot's Teams
 * sender to a Bot Connector double enforcing Teams' limits. In this process: the double's records
 * are read directly, and each sender call is timed.
 */
async function reminderRun(recipients: number, faults: ((connector: BotConnectorDouble, chats: PersonalChat[]) => void) | null): Promise<ReminderResult> {
  const clock = clockStartingAt(MOMENT);
  const dir = tempDir('gf-bot-bench-');
  const store = await openStore({ databaseUrl: null, databaseFile: join(dir, 'gf.sqlite'), clock });
  const { log, problems } = keptLog();
  const connector = await BotConnectorDouble.start();
  const bot = botEndpoint({ store: store.cohorts, db: store.db, clock, log, bot: null, authorityHost: '', busy: (cohortId) => busyTimes(store.db, cohortId) });
  let outbox: { stop(): Promise<void> } | null = null;
  try {
    const chats: PersonalChat[] = [];
    for (let c = 0; c < Math.ceil(recipients / COHORT_SIZE); c++) {
      const cohort = await seedCohort(store, clock, cohortOf(`r${c + 1}`, REMINDER_MUNICIPALITIES, REMINDER_PARTICIPANTS));
      for (const p of participantsOf(cohort)) {
        const chat = connector.chat(teamsUserFor(p));
        chats.push(chat);
        const reference = {
          userId: chat.user.id,
          aadObjectId: chat.user.aadObjectId,
          conversationId: chat.conversationId,
          serviceUrl: chat.serviceUrl,
          tenantId: chat.tenantId,
          botId: `28:${chat.bot.appId}`,
          locale: 'da-DK',
        };
        await saveConversation(store.db, reference, p.person!.email, clock.now());
      }
    }
    if (chats.length !== recipients) throw new Error(`seeded ${chats.length} recipients, not ${recipients}`);
    faults?.(connector, chats);

    const calls = { inFlight: 0, maxInFlight: 0, count: 0, ms: 0, waited: 0, waitedMs: 0 };
    const sender: Sender = {
      ...bot.sender,
      send: async (target: string, changes: Change[], signal: AbortSignal): Promise<Outcome[]> => {
        calls.maxInFlight = Math.max(calls.maxInFlight, ++calls.inFlight);
        const started = performance.now();
        try {
          return await bot.sender.send(target, changes, signal);
        } finally {
          const ms = performance.now() - started;
          calls.inFlight--;
          calls.count++;
          calls.ms += ms;
          if (ms >= RETRY_AFTER_S * 1000) {
            calls.waited++;
            calls.waitedMs += ms;
          }
        }
      },
    };
    const running = startOutbox(store, [sender], clock, log);
    if (running === null) throw new Error('startOutbox started no worker for the Teams sender');
    outbox = running;

    const started = performance.now();
    const { recorded } = await planReminders({ store: store.cohorts, db: store.db, clock, links: null, organizer: null });
    const planMs = performance.now() - started;
    if (recorded !== recipients) throw new Error(`planReminders recorded ${recorded} reminders, not ${recipients}`);
    const conversations = new Set(chats.map((c) => c.conversationId));
    const reached = () => new Set(connector.activities().map((a) => a.conversationId).filter((id) => conversations.has(id))).size;
    let deliveredMs: number | null = null;
    let polls = 0;
    // Until every chat has its message, or nothing is owed any more (a message lost for good never arrives).
    while (performance.now() - started < DELIVERY_TIMEOUT_MS) {
      if (connector.counts().sent >= recipients && reached() === recipients) {
        deliveredMs = performance.now() - started;
        break;
      }
      if (++polls % 10 === 0 && calls.inFlight === 0 && (await owed(store)) === 0) break;
      await sleep(POLL_MS);
    }
    // A retry after a 429 may still be owed to a chat that already has its message: it must get its chance to duplicate.
    const settleBy = performance.now() + 10_000;
    while ((calls.inFlight > 0 || (await owed(store)) > 0) && performance.now() < settleBy) await sleep(50);
    const settledMs = performance.now() - started;
    outbox = null;
    await running.stop();

    const perChat = new Map<string, number>();
    for (const a of connector.activities()) perChat.set(a.conversationId, (perChat.get(a.conversationId) ?? 0) + 1);
    const rows = await store.db.selectFrom('outbox_objects').select(['sent_version', 'desired_version', 'remote_id', 'failed_at']).where('kind', '=', TEAMS_MESSAGE_KIND).execute();
    return {
      recipients,
      planMs,
      deliveredMs,
      settledMs,
      lost: chats.filter((c) => (perChat.get(c.conversationId) ?? 0) === 0).length,
      duplicated: chats.filter((c) => (perChat.get(c.conversationId) ?? 0) > 1).length,
      sendCalls: calls.count,
      sendMsTotal: calls.ms,
      waitedSends: calls.waited,
      waitedMsTotal: calls.waitedMs,
      maxInFlight: calls.maxInFlight,
      throttled: connector.counts().throttled,
      sentWithoutId: rows.filter((r) => r.sent_version >= r.desired_version && r.remote_id === null).length,
      failedRows: rows.filter((r) => r.failed_at !== null).length,
      problems,
    };
  } finally {
    await outbox?.stop();
    await connector.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Teams messages neither sent nor given up. */
async function owed(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('outbox_objects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', TEAMS_MESSAGE_KIND)
    .whereRef('desired_version', '>', 'sent_version')
    .where('failed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Some conversations' first sends meet 429 with Retry-After; a scripted fault waits for a call about its conversation. */
function inject429s(connector: BotConnectorDouble, chats: PersonalChat[]): void {
  const step = Math.floor(chats.length / (ONE_429 + FOUR_429));
  chats
    .filter((_, i) => i % step === 0)
    .slice(0, ONE_429 + FOUR_429)
    .forEach((chat, i) => connector.failNext(i < FOUR_429 ? 4 : 1, { status: 429, retryAfterSeconds: RETRY_AFTER_S, conversationId: chat.conversationId }));
}

/** Teams' per-bot-per-tenant limit is the one that binds for one message to each of many conversations. */
function floorSeconds(messages: number): number {
  const perSecond = Math.min(...TEAMS_RATE_LIMITS.perBot.map((w) => w.max / w.seconds));
  return messages / perSecond;
}

const seconds = (ms: number | null) => (ms === null ? 'never' : `${round(ms / 1000, 2)} s`);

/** Where the sender's time went: the calls that waited out a 429 inside botbuilder, and the rest. */
function sendTimes(run: ReminderResult): string {
  const others = run.sendCalls - run.waitedSends;
  return (
    `${run.sendCalls} sender calls, at most ${run.maxInFlight} in flight; ${run.waitedSends} took ≥ ${RETRY_AFTER_S} s ` +
    `(${round(run.waitedMsTotal / 1000, 1)} s together: a 429 waited out by botbuilder's retry while the round waits for them), ` +
    `the other ${others} ${round(others === 0 ? 0 : (run.sendMsTotal - run.waitedMsTotal) / others, 1)} ms each on average; ${run.throttled} 429s answered by the double`
  );
}

function reminderFigures(clean: ReminderResult, faulty: ReminderResult): Figure[] {
  for (const [name, run] of [['clean', clean], ['429', faulty]] as const) {
    if (run.problems.length > 0) console.log(`# bot.reminders (${name} run): the product logged ${run.problems.length} warnings/errors, e.g. ${run.problems[0]!.split('\n')[0]}`);
  }
  return [
    {
      name: `bot.reminders_${RECIPIENTS}_s`,
      value: clean.deliveredMs === null ? -1 : round(clean.deliveredMs / 1000, 2),
      unit: 's',
      note:
        `${RECIPIENTS} participants (${REMINDER_COHORTS} booked cohorts × ${REMINDER_MUNICIPALITIES} municipalities × ${REMINDER_PARTICIPANTS}), ` +
        `each in a 1:1 chat the bot knows, one 14-day presentation reminder each; from calling planReminders (${round(clean.planMs)} ms of it) ` +
        `until the Bot Connector double held a message in every chat (-1: not within ${DELIVERY_TIMEOUT_MS / 1000} s); ` +
        `SQLite, the server's outbox runner (startOutbox: one OutboxWorker, 8 targets per round, one call each) with the bot's Teams sender ` +
        `(its own pacing: 45 sends/s per process, under the limit for network jitter); ${sendTimes(clean)}`,
    },
    {
      name: `bot.reminders_${RECIPIENTS}_floor_s`,
      value: round(floorSeconds(RECIPIENTS), 2),
      unit: 's',
      note:
        `the least Teams' limits allow: ${RECIPIENTS} sends at ${TEAMS_RATE_LIMITS.perBot.map((w) => `${w.max}/${w.seconds} s`).join(', ')} per bot per tenant; ` +
        `one message per conversation meets no per-conversation limit (nor the sender's ${CONVERSATION_PACING_MS} ms pacing)`,
    },
    {
      name: 'bot.reminders_lost',
      value: faulty.lost,
      unit: 'count',
      note:
        `recipients with no message, counted from the double's activities, in a run of ${faulty.recipients} recipients where the first send to ` +
        `${ONE_429} chats met one 429 and to ${FOUR_429} chats four (botbuilder's own 3 retries used up, the outbox retries), Retry-After ${RETRY_AFTER_S} s: ` +
        `all delivered after ${seconds(faulty.deliveredMs)}, settled after ${seconds(faulty.settledMs)}; ${faulty.sentWithoutId} outbox rows recorded as sent ` +
        `without an activity id, ${faulty.failedRows} given up; ${sendTimes(faulty)}. The clean run: ${clean.lost} lost`,
    },
    {
      name: 'bot.reminders_duplicated',
      value: faulty.duplicated,
      unit: 'count',
      note: `recipients with more than one message, in the same run; the clean run: ${clean.duplicated}`,
    },
  ];
}

export const botBench: BenchModule = {
  name: 'bot',
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    const dir = tempDir('gf-bot-bench-');
    try {
      const databaseFile = join(dir, 'rsvp.sqlite');
      figures.push(...rsvpFigures(await rsvpRun({ env: { DATABASE_FILE: databaseFile }, options: { databaseUrl: null, databaseFile } }), '', 'SQLite'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const db = await benchDatabase();
    if ('unavailable' in db) {
      console.log(`# bot.rsvp_invoke_*_postgres: skipped, ${db.unavailable}`);
    } else {
      try {
        const options = { databaseUrl: db.url, databaseFile: join(tmpdir(), 'unused-by-postgres.db') };
        figures.push(...rsvpFigures(await rsvpRun({ env: { DATABASE_URL: db.url }, options }), '_postgres', 'PostgreSQL'));
      } finally {
        await db.drop();
      }
    }
    const clean = await reminderRun(RECIPIENTS, null);
    const faulty = await reminderRun(FAULT_RECIPIENTS, inject429s);
    figures.push(...reminderFigures(clean, faulty));
    return figures;
  },
};
