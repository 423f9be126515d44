import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clockStartingAt } from '../src/app/clock';
import type { Cohort, Participant } from '../src/domain/cohort';
import { windowSlots } from '../src/domain/slots';
import { openStore, type Store, type StoreOptions } from '../src/store/open-store';
import { BotConnectorDouble, cardActionActivity, postActivity, type PersonalChat } from '../test/support/bot-connector-double';
import { tempDir } from '../test/support/http';
import { meetingByKey } from '../test/support/sample-cohort';
import { benchDatabase } from './bench-database';
import { cardTexts, cohortOf, installApp, openConnections, percentile, round, seedCohort, startBotChild, teamsUserFor, type BotChild } from './bot-bench';
import type { BenchModule, Figure } from './figures';

/**
 * 10:00 in Copenhagen on 1 April 2023, for the servers' LOCAL_NOW: the series is booked, and both
 * individual meetings' windows (the preparatory meeting 25–26 April, the follow-up 9–11 January
 * 2024) lie ahead, so all their slots can be picked.
 */
const LOCAL_NOW = '2023-04-01T10:00';
const MOMENT = new Date('2023-04-01T08:00:00.000Z');

/** One cohort of 6 municipalities, 8 or 9 leaders each (4 × 8 + 2 × 9 = 50), and a consultant. */
const RACE_MUNICIPALITIES = 6;
const RACE_LEADERS = (m: number) => (m < 4 ? 8 : 9);
const RACE_SLOT = '2023-04-25T09:00';

/**
 * 5 cohorts × 5 municipalities × 2 leaders: one books the preparatory meeting, the other the
 * follow-up. Each municipality moves between slots of its own (the preparatory window's 10 slots
 * give each 2, the follow-up's 15 each 3), so every press is a real change and none is refused.
 */
const SLOT_COHORTS = 5;
const SLOT_MUNICIPALITIES = 5;
const SLOT_ROUNDS = 10;
const PHONE = '+45 12 34 56 78';

/** Kept-alive connections opened per leader before the clock starts (see withLeaders). */
const CONNECTIONS_PER_LEADER = 2;

const TAKEN = 'Tiden blev lige taget af en anden kommune';
const BOOKED = 'Booket!';

/** Where a run's servers keep their data, and how the bench opens the same database. */
interface Where {
  engine: 'SQLite' | 'PostgreSQL';
  env: Record<string, string>;
  options: StoreOptions;
  /** Server processes on the database; the leaders are spread over them. */
  instances: number;
}

interface Leader {
  participant: Participant;
  chat: PersonalChat;
  server: BotChild;
}

interface Press {
  ms: number;
  answer: 'booked' | 'taken' | 'other';
  /** The answer's status and texts, to show what an unexpected one said. */
  said: string;
}

/**
 * Seeds the cohorts, starts `where.instances` servers (startBotChild, one after the other), installs
 * the app for each leader on the server they will press on and opens kept-alive connections; then
 * `press`, a clean stop of every server, and `read` on the database. The run's cohorts and chats
 * are deleted after, so a BENCH_DATABASE_URL keeps what it held before.
 */
async function withLeaders<T, R>(
  where: Where,
  cohorts: Cohort[],
  leadersOf: (seeded: Cohort[]) => Participant[][],
  press: (leaders: Leader[][], seeded: Cohort[]) => Promise<T>,
  read: (store: Store, pressed: T, seeded: Cohort[]) => Promise<R>,
): Promise<R & { problems: string[] }> {
  const clock = clockStartingAt(MOMENT);
  const store = await openStore({ ...where.options, clock });
  const seeded: Cohort[] = [];
  const connector = await BotConnectorDouble.start();
  const servers: BotChild[] = [];
  const chats: PersonalChat[] = [];
  try {
    for (const cohort of cohorts) seeded.push(await seedCohort(store, clock, cohort));
    // The first creates the schema and the link secret; the others find them.
    for (let i = 0; i < where.instances; i++) servers.push(await startBotChild(LOCAL_NOW, where.env));
    // A group's leaders on alternating servers, and each group starting on the next one.
    const leaders = leadersOf(seeded).map((group, g) =>
      group.map((participant, i) => {
        const leader = { participant, chat: connector.chat(teamsUserFor(participant)), server: servers[(g + i) % servers.length]! };
        chats.push(leader.chat);
        return leader;
      }),
    );
    for (const server of servers) {
      const here = leaders.flat().filter((l) => l.server === server);
      await installApp(server.endpoint, here.map((l) => l.chat));
      // Twice as many as leaders: a leader pressing again the moment an answer arrives can find its
      // connection not yet handed back, and fetch then opens a new one, which a busy server accepts
      // only after the batch of presses it is working through (seen as 0.3 s steps, up to 3 s).
      await openConnections(server.url, CONNECTIONS_PER_LEADER * here.length);
    }
    const pressed = await press(leaders, seeded);
    await Promise.all(servers.map((server) => server.stop()));
    return { ...(await read(store, pressed, seeded)), problems: servers.flatMap((server) => server.problems()) };
  } finally {
    servers.forEach((server) => server.close());
    await connector.close();
    const ids = seeded.map((c) => c.id);
    if (ids.length > 0) {
      await store.db.deleteFrom('outbox_objects').where('cohort_id', 'in', ids).execute();
      await store.db.deleteFrom('cohorts').where('id', 'in', ids).execute();
    }
    if (chats.length > 0) await store.db.deleteFrom('teams_conversations').where('conversation_id', 'in', chats.map((c) => c.conversationId)).execute();
    await store.close();
  }
}

async function pressBookSlot(leader: Leader, data: Record<string, unknown>): Promise<Press> {
  const started = performance.now();
  const reply = await postActivity(leader.server.endpoint, cardActionActivity(leader.chat, { verb: 'bookSlot', data }));
  const ms = performance.now() - started;
  const texts = cardTexts(reply.body);
  const answer = reply.status !== 200 ? 'other' : texts.includes(BOOKED) ? 'booked' : texts.some((t) => t.startsWith(TAKEN)) ? 'taken' : 'other';
  return { ms, answer, said: `${reply.status}: ${texts.join(' | ').slice(0, 200)}` };
}

const municipalityOf = (cohort: Cohort, p: Participant) => cohort.municipalities.find((m) => m.participants.includes(p))!;

// ---------------------------------------------------------------- one slot, 50 leaders

interface RaceResult {
  presses: Press[];
  spanMs: number;
  /** Active bookings of the slot, read from slot_bookings. */
  holders: number;
  /** Leaders of the municipality holding it. */
  winners: number;
  problems: string[];
}

/** All 50 leaders press bookSlot for the same preparatory slot at once, every other one on the other instance. */
async function raceRun(where: Where): Promise<RaceResult> {
  return withLeaders(
    where,
    [cohortOf('race', RACE_MUNICIPALITIES, 10, RACE_LEADERS)],
    ([cohort]) => [cohort!.municipalities.flatMap((m) => m.participants.filter((p) => p.contact))],
    async ([leaders], [cohort]) => {
      const meetingId = meetingByKey(cohort!, 'forberedende').id;
      const started = performance.now();
      const presses = await Promise.all(
        leaders!.map((leader) => pressBookSlot(leader, { cohortId: cohort!.id, meetingId, municipalityId: municipalityOf(cohort!, leader.participant).id, slot: RACE_SLOT })),
      );
      return { presses, spanMs: performance.now() - started, meetingId, leaders: leaders!.map((l) => l.participant) };
    },
    async (store, { presses, spanMs, meetingId, leaders }, [cohort]) => {
      const rows = await store.db
        .selectFrom('slot_bookings')
        .select('municipality_id')
        .where('cohort_id', '=', cohort!.id)
        .where('meeting_id', '=', meetingId)
        .where('start', '=', RACE_SLOT)
        .where('cancelled', '=', 0)
        .execute();
      const winners = rows.length === 1 ? leaders.filter((p) => municipalityOf(cohort!, p).id === rows[0]!.municipality_id).length : 0;
      return { presses, spanMs, holders: rows.length, winners };
    },
  );
}

function raceFigure(result: RaceResult): Figure {
  if (result.problems.length > 0) console.log(`# booking.same_slot: the servers logged ${result.problems.length} lines at warn/error, e.g. ${result.problems[0]}`);
  const count = (answer: Press['answer']) => result.presses.filter((p) => p.answer === answer).length;
  const other = result.presses.find((p) => p.answer === 'other');
  const ms = result.presses.map((p) => p.ms);
  return {
    name: `booking.same_slot_${result.presses.length}_winners`,
    value: result.holders,
    unit: 'count',
    note:
      `active bookings of the slot afterwards, read from slot_bookings (must be 1): ${result.presses.length} leaders of one booked cohort ` +
      `(${RACE_MUNICIPALITIES} municipalities × 8–9 leaders) pressing bookSlot for the preparatory meeting at ${RACE_SLOT}, all at once, ` +
      `every other one on the other of two built servers (child processes, local mode) on one PostgreSQL database; ` +
      `${count('taken')} presses got the "${TAKEN}" card, ${count('booked')} the confirmation (the winning municipality's own ${result.winners} leaders: ` +
      `its first press booked, its others found the slot already theirs), ${count('other')} anything else${other ? ` (e.g. ${other.said})` : ''}; ` +
      `all answered in ${round(result.spanMs)} ms, p50 ${round(percentile(ms, 50), 1)} ms, slowest ${round(Math.max(...ms), 1)} ms`,
  };
}

// ---------------------------------------------------------------- different slots, 50 leaders

interface SlotResult {
  presses: Press[];
  spanMs: number;
  /** Municipalities whose stored booking is not the one their leader pressed last. */
  wrongState: number;
  problems: string[];
}

interface Mover {
  leader: Leader;
  data: { cohortId: string; meetingId: string; municipalityId: string; phone?: string };
  /** The municipality's own slots of the meeting, pressed in turn. */
  slots: string[];
}

/**
 * 50 leaders at once, each pressing bookSlot SLOT_ROUNDS times, waiting for each answer: the first
 * press books, each later one moves the booking to the next of the municipality's own slots.
 */
async function slotRun(where: Where): Promise<SlotResult> {
  const last = (mover: Mover) => mover.slots[(SLOT_ROUNDS - 1) % mover.slots.length]!;
  return withLeaders(
    where,
    Array.from({ length: SLOT_COHORTS }, (_, c) => cohortOf(`slots${c + 1}`, SLOT_MUNICIPALITIES, 3, () => 2)),
    (seeded) => seeded.flatMap((cohort) => cohort.municipalities.map((m) => m.participants.filter((p) => p.contact))),
    async (leaders, seeded) => {
      const movers = seeded.flatMap((cohort, c) =>
        cohort.municipalities.flatMap((municipality, m) =>
          (['forberedende', 'opfoelgning'] as const).map((key, l): Mover => {
            const meeting = meetingByKey(cohort, key);
            if (meeting.kind === 'plenary') throw new Error(`${key} is not an individual meeting`);
            const all = windowSlots(meeting, cohort.settings.slotBreakMinutes).map((s) => s.start as string);
            const each = Math.floor(all.length / cohort.municipalities.length);
            if (each < 2) throw new Error(`${key} has ${all.length} slots: too few for ${cohort.municipalities.length} municipalities to move between`);
            const leader = leaders[c * SLOT_MUNICIPALITIES + m]![l]!;
            const data = { cohortId: cohort.id, meetingId: meeting.id, municipalityId: municipality.id, ...(meeting.form === 'phone' ? { phone: PHONE } : {}) };
            return { leader, data, slots: all.slice(m * each, (m + 1) * each) };
          }),
        ),
      );
      const presses: Press[] = [];
      const started = performance.now();
      await Promise.all(
        movers.map(async (mover) => {
          for (let r = 0; r < SLOT_ROUNDS; r++) presses.push(await pressBookSlot(mover.leader, { ...mover.data, slot: mover.slots[r % mover.slots.length] }));
        }),
      );
      return { presses, spanMs: performance.now() - started, movers };
    },
    async (store, { presses, spanMs, movers }) => {
      const rows = await store.db
        .selectFrom('slot_bookings')
        .select(['meeting_id', 'municipality_id', 'start'])
        .where('cohort_id', 'in', [...new Set(movers.map((m) => m.data.cohortId))])
        .where('cancelled', '=', 0)
        .execute();
      const wrongState = movers.filter((mover) => !rows.some((r) => r.meeting_id === mover.data.meetingId && r.municipality_id === mover.data.municipalityId && r.start === last(mover))).length;
      return { presses, spanMs, wrongState };
    },
  );
}

function slotFigure(result: SlotResult, where: Where, suffix: string): Figure {
  if (result.problems.length > 0) console.log(`# booking.invoke${suffix}: the servers logged ${result.problems.length} lines at warn/error, e.g. ${result.problems[0]}`);
  const ms = result.presses.map((p) => p.ms);
  const refused = result.presses.filter((p) => p.answer !== 'booked');
  const servers = where.instances === 1 ? 'the built server (a child process, local mode)' : `${where.instances} built servers (child processes, local mode), the leaders spread over them,`;
  return {
    name: `booking.invoke_p99_ms${suffix}`,
    value: round(percentile(ms, 99), 1),
    unit: 'ms',
    note:
      `p50 ${round(percentile(ms, 50), 1)} ms; ${SLOT_COHORTS * SLOT_MUNICIPALITIES * 2} leaders (${SLOT_COHORTS} booked cohorts × ${SLOT_MUNICIPALITIES} municipalities × 2: ` +
      `one books the preparatory meeting, one the follow-up by phone), all at once, each pressing bookSlot ${SLOT_ROUNDS} times, waiting for each answer: ` +
      `the first books, the others move the booking between the municipality's own free slots (2 preparatory, 3 follow-up), each a real change; ` +
      `${servers} on ${where.engine}, clients (${CONNECTIONS_PER_LEADER} kept-alive connections per leader opened before) and Bot Connector double in the bench process; from POST /api/messages to its answer; ` +
      `${result.presses.length} presses in ${round(result.spanMs / 1000, 2)} s (${round(result.presses.length / (result.spanMs / 1000))} presses/s); ` +
      `${refused.length} answered with anything but the confirmation${refused[0] ? ` (e.g. ${refused[0].said})` : ''}; ` +
      `${result.wrongState} bookings not where their last press put them`,
  };
}

export const bookingBench: BenchModule = {
  name: 'booking',
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    const dir = tempDir('gf-booking-bench-');
    try {
      const databaseFile = join(dir, 'booking.sqlite');
      const sqlite: Where = { engine: 'SQLite', env: { DATABASE_FILE: databaseFile }, options: { databaseUrl: null, databaseFile }, instances: 1 };
      figures.push(slotFigure(await slotRun(sqlite), sqlite, ''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const db = await benchDatabase();
    if ('unavailable' in db) {
      console.log(`# booking.same_slot_*_winners, booking.invoke_p99_ms_postgres: skipped, ${db.unavailable}`);
      return figures;
    }
    try {
      const postgres: Where = { engine: 'PostgreSQL', env: { DATABASE_URL: db.url }, options: { databaseUrl: db.url, databaseFile: join(tmpdir(), 'unused-by-postgres.db') }, instances: 2 };
      figures.unshift(raceFigure(await raceRun(postgres)));
      figures.push(slotFigure(await slotRun(postgres), postgres, '_postgres'));
    } finally {
      await db.drop();
    }
    return figures;
  },
};
