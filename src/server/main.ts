import { botEndpoint } from '../../bot/bot-endpoint';
import { cardPreviews } from '../../bot/card-previews';
import { eraseDueCohorts } from '../app/erase-due-cohorts';
import { planReminders } from '../app/plan-reminders';
import { clockOf } from '../config/clock-of';
import { busyTimes } from '../store/busy-times';
import { openStore, type Store } from '../store/open-store';
import { linkSecret } from '../links/link-secret';
import { answersTask } from './answers-task';
import { busyTask } from './busy-task';
import { createLog, messageOf, type Log } from './log';
import { loadRuntime } from '../app/runtime';
import { startOutbox } from './outbox-runner';
import { startPeriodic, type PeriodicTask } from './periodic';
import { startServer, type RunningServer } from './server';
import { signInFor } from './tab-auth/sign-in-for';
import { ignoredLine, startLines } from './start-lines';

const HOUR_MS = 60 * 60_000;
const MINUTE_MS = 60_000;

async function main(): Promise<void> {
  const runtime = loadRuntime(process.env);
  if (!runtime.ok) {
    process.stderr.write(`${runtime.message}\n`);
    process.exitCode = 1;
    return;
  }
  const { config, senders, responses, schedules } = runtime;
  const log = createLog(config.logLevel);
  const clock = clockOf(config);
  const store = await openStore({
    ...config.store,
    clock,
    onPoolError: (error) => log.error(`PostgreSQL-forbindelse fejlede / PostgreSQL connection failed: ${error.message}`),
  });
  // With a tenant but no bot registration there is no bot: unchecked requests are for loopback only.
  const botConfig = config.mode.kind === 'tenant' ? config.mode.bot : null;
  const bot = config.mode.kind === 'local' || botConfig !== null
    ? botEndpoint({ store: store.cohorts, db: store.db, clock, log, bot: botConfig, authorityHost: config.mode.kind === 'tenant' ? config.mode.authorityHost : '', busy: (cohortId) => busyTimes(store.db, cohortId) })
    : null;
  const secret = await linkSecret(store.db, config.links.secret, clock).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const allSenders = bot ? [...senders, bot.sender] : senders;
  const organizer = config.mode.kind === 'tenant' ? config.mode.organizerMailbox : null;
  const tab = {
    store: store.cohorts,
    db: store.db,
    signIn: signInFor(config.mode, clock),
    connectedKinds: allSenders.map((s) => s.kind),
    organizer,
    advisors: config.advisors,
    links: { secret, publicUrl: config.links.publicUrl },
    cardPreviews,
  };
  const server = await startServer(config, { store, clock, log, links: { db: store.db, secret }, tab, ...(bot ? { bot: bot.handler } : {}) }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const outbox = startOutbox(store, allSenders, clock, log);
  const tasks: PeriodicTask[] = [
    { name: 'Sletning af persondata / erasing personal data', everyMs: HOUR_MS, run: () => eraseDueCohorts({ db: store.db, clock }) },
    {
      name: 'Påmindelser / reminders',
      everyMs: MINUTE_MS,
      run: () => planReminders({ store: store.cohorts, db: store.db, clock, links: { secret, publicUrl: config.links.publicUrl }, organizer }),
    },
  ];
  // Only a tenant has calendars to read answers and busy time from.
  if (responses) tasks.push(answersTask({ db: store.db, clock, responses }, log));
  if (schedules) tasks.push(busyTask({ db: store.db, clock, schedules, organizer }, log));
  const periodic = startPeriodic(tasks, log);
  startLines(config, server.url, clock).forEach((line) => log.info(line));
  const ignored = ignoredLine(config);
  if (ignored !== null) log.warn(ignored);
  stopOnSignals(server, [periodic, ...(outbox ? [outbox] : [])], store, log);
}

/** The first signal stops gracefully; a second one means the person is done waiting. */
function stopOnSignals(server: RunningServer, background: { stop(): Promise<void> }[], store: Store, log: Log): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn(`${signal} igen: stopper straks / ${signal} again: stopping at once`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: stopper, lader igangværende forespørgsler blive færdige / stopping, letting requests in progress finish`);
    Promise.all([server.close(), ...background.map((b) => b.stop())])
      .finally(() => store.close())
      .then(() => {
        log.info('Stoppet / stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error(`Stop fejlede / stop failed: ${messageOf(error)}`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Start fejlede / start failed: ${messageOf(error)}\n`);
  process.exit(1);
});
