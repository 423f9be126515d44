import { readFile, writeFile } from 'node:fs/promises';
import type { Clock } from '../app/clock';
import { clockOf } from '../config/clock-of';
import { eraseCohort } from '../app/erase-cohort';
import { exportCohort } from '../app/export-cohort';
import { newId, type NewId } from '../app/ids';
import { importCohort } from '../app/import-cohort';
import { listCohorts } from '../app/list-cohorts';
import { documentJson, schemaRefFor } from '../documents/document-files';
import { DomainError, isDomainError } from '../domain/errors';
import { openStore, type Store } from '../store/open-store';
import type { Sender } from '../outbox/sender';
import { loadRuntime } from '../app/runtime';
import { cohortDelivery, retryCohortDelivery } from '../app/cohort-delivery';
import { bookSeries, cancelPlenaryByKey, movePlenaryByKey, rebookPlenaryByKey } from '../app/calendar-commands';
import type { ChangeDeps } from '../app/change-cohort';
import { seriesStatus } from '../app/series-status';
import { cohortReach, recordInstalls } from '../app/plan-reach';
import { linkedTeamStatus, linkTeam } from '../app/cohort-team';
import { TEAM_INSTALL_KIND } from '../reach/cohort-team';
import { mergeOutlookAnswers } from '../app/merge-outlook-answers';
import type { OutlookResponses } from '../calendar/outlook-responses';
import { deliverPending } from '../outbox/deliver-pending';
import { OutboxWorker } from '../outbox/outbox-worker';
import { parseLocalDateTime } from '../domain/local-time';
import { parseCohortArgs, type Command } from './cohort-args';
import type { LinkConfig } from '../config/config';
import { LOCAL_LINKS, runLinkCommand } from './link-commands';
import { createTeamCommand } from './team-create-command';
import { linkSecret } from '../links/link-secret';
import { mailsDelivered, recordRsvpMails } from '../app/invite-by-mail';
import { announceMeeting } from '../app/announce-meeting';
import { remindNow } from '../app/plan-reminders';
import { MAIL_KIND } from '../reach/rsvp-mail';
import { answersText, calendarText, inviteText, cohortTable, seriesText, deliveryText, plenaryDone, erasedText, exportedText, failureText, importedText, noTenantText, problemsText, reachText, announceText, remindText, retriedText, teamText, usageText } from './cohort-output';

export const EXIT = { ok: 0, failed: 1, refused: 2 } as const;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliDeps {
  /** Opened only once the command line is understood, and closed before `main` returns. */
  openStore(): Promise<Pick<Store, 'cohorts' | 'db' | 'engine' | 'close'>>;
  clock: Clock;
  newId: NewId;
  /** What this configuration can send with; none in local mode. */
  senders: readonly Sender[];
  /** ORGANIZER_MAILBOX, when configured: whose calendar owns a booked series unless `book --organizer` says otherwise. */
  organizer: string | null;
  /** Where attendees' answers are read from; null in local mode, which has no calendars. */
  responses: OutlookResponses | null;
  /** Whether a tenant is configured (`reach` says "not connected" without one); by default, whether answers can be read. */
  tenant?: boolean;
  /** LINK_SECRET and PUBLIC_URL for `link`; local mode's defaults when absent. */
  links?: LinkConfig;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The file as JSON, or the problem that keeps it from being a document at all. */
async function readJson(file: string): Promise<{ ok: true; value: unknown } | { ok: false; problem: DomainError }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problem: new DomainError('invalid_document', { da: `Filen kan ikke læses: ${reasonOf(error)}`, en: `The file cannot be read: ${reasonOf(error)}` }) };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: new DomainError('invalid_document', { da: `Filen er ikke gyldig JSON: ${reasonOf(error)}`, en: `The file is not valid JSON: ${reasonOf(error)}` }) };
  }
}

type Opened = Pick<Store, 'cohorts' | 'db' | 'engine'>;

async function run(command: Exclude<Command, { name: 'help' }>, opened: Opened, io: CliIo, deps: CliDeps): Promise<number> {
  const store = opened.cohorts;
  const delivery = { store, db: opened.db, connectedKinds: deps.senders.map((s) => s.kind) };
  switch (command.name) {
    case 'import': {
      const json = await readJson(command.file);
      const result = json.ok ? await importCohort({ store, newId: deps.newId }, json.value) : { ok: false as const, problems: [json.problem] };
      if (!result.ok) {
        io.err(problemsText(result.problems));
        return EXIT.refused;
      }
      io.out(importedText(result.stored.cohort));
      return EXIT.ok;
    }
    case 'export': {
      const document = await exportCohort({ store }, command.id, { schema: command.out === null ? undefined : schemaRefFor(command.out) });
      if (command.out === null) io.out(documentJson(document));
      else {
        await writeFile(command.out, documentJson(document));
        io.out(exportedText(command.id, command.out));
      }
      return EXIT.ok;
    }
    case 'list':
      io.out(cohortTable(await listCohorts({ store })));
      return EXIT.ok;
    case 'erase':
      io.out(erasedText(await eraseCohort({ db: opened.db, clock: deps.clock }, command.id)));
      return EXIT.ok;
    case 'outbox':
      io.out(deliveryText(command.id, await cohortDelivery(delivery, command.id)));
      return EXIT.ok;
    case 'retry':
      io.out(retriedText(command.id, (await retryCohortDelivery({ ...delivery, clock: deps.clock }, command.id)).retried));
      return EXIT.ok;
    case 'status':
      io.out(seriesText(await seriesStatus(delivery, command.id)));
      return EXIT.ok;
    case 'answers': {
      if (deps.responses === null) {
        io.err(noTenantText());
        return EXIT.failed;
      }
      const report = await mergeOutlookAnswers({ db: opened.db, clock: deps.clock, responses: deps.responses }, command.id);
      io.out(answersText(report));
      return report.unread.length > 0 || report.changedMeanwhile.length > 0 ? EXIT.failed : EXIT.ok;
    }
    case 'reach': {
      const mode = (deps.tenant ?? deps.responses !== null) ? 'tenant' : 'local';
      const recorded = command.install ? await recordInstalls({ store, db: opened.db, clock: deps.clock }, command.id) : null;
      if (command.install && mode === 'tenant' && deps.senders.length > 0) await deliverNow(opened, command.id, io, deps);
      io.out(reachText(command.id, await cohortReach({ ...delivery, mode }, command.id), recorded));
      return EXIT.ok;
    }
    case 'team': {
      const linked = await linkTeam({ store, db: opened.db, clock: deps.clock }, command.id, command.teamId);
      const connected = (deps.tenant ?? deps.responses !== null) && deps.senders.some((s) => s.kind === TEAM_INSTALL_KIND);
      if (connected) await deliverNow(opened, command.id, io, deps);
      const status = await linkedTeamStatus(delivery, command.id);
      io.out(teamText(command.id, command.teamId, status, connected, linked.replaced));
      return status?.state === 'failed' ? EXIT.failed : EXIT.ok;
    }
    case 'team-create': {
      const tenant = deps.tenant ?? deps.responses !== null;
      const deliver = () => deliverNow(opened, command.id, io, deps);
      const result = await createTeamCommand(command, { ...delivery, clock: deps.clock, newId: deps.newId, organizer: deps.organizer, tenant, deliver });
      if ('err' in result) {
        io.err(result.err);
        return EXIT.failed;
      }
      io.out(result.out);
      return result.failed ? EXIT.failed : EXIT.ok;
    }
    case 'invite': {
      const mode = (deps.tenant ?? deps.responses !== null) ? 'tenant' : 'local';
      const links = deps.links ?? LOCAL_LINKS;
      const secret = await linkSecret(opened.db, links.secret, deps.clock);
      const recorded = await recordRsvpMails({ ...delivery, mode, clock: deps.clock, links: { secret, publicUrl: links.publicUrl } }, command.id, command.meeting, deps.organizer);
      const sending = mode === 'tenant' && deps.senders.some((s) => s.kind === MAIL_KIND);
      if (sending && recorded.objectKeys.length > 0) await deliverNow(opened, command.id, io, deps);
      const delivered = sending ? await mailsDelivered({ db: opened.db }, recorded.objectKeys) : null;
      io.out(inviteText(command.id, command.meeting, recorded, delivered));
      return delivered !== null && delivered.failed.length > 0 ? EXIT.failed : EXIT.ok;
    }
    case 'announce':
      io.out(announceText(command.id, command.meeting, await announceMeeting({ store, db: opened.db, clock: deps.clock }, command.id, command.meeting)));
      return EXIT.ok;
    case 'remind': {
      const links = deps.links ?? LOCAL_LINKS;
      const secret = await linkSecret(opened.db, links.secret, deps.clock);
      const reminderDeps = { store, db: opened.db, clock: deps.clock, links: { secret, publicUrl: links.publicUrl }, organizer: deps.organizer };
      io.out(remindText(command.id, command.meeting, await remindNow(reminderDeps, command.id, command.meeting, command.kind)));
      return EXIT.ok;
    }
    case 'link':
    case 'revoke': {
      io.out(await runLinkCommand(command, { db: opened.db, clock: deps.clock, links: deps.links ?? LOCAL_LINKS }));
      return EXIT.ok;
    }
    default: {
      const code = await runCalendar(command, { db: opened.db, clock: deps.clock }, io, deps);
      if (code === EXIT.ok && deps.senders.length > 0) {
        await deliverNow(opened, command.id, io, deps);
        io.out(seriesText(await seriesStatus(delivery, command.id)));
      }
      return code;
    }
  }
}

const DELIVER_TIMEOUT_MS = 60_000;

/** With a tenant, the command sends at once and reports what Outlook answered, instead of leaving it to the server. */
async function deliverNow(opened: Opened, cohortId: string, io: CliIo, deps: CliDeps): Promise<void> {
  const worker = new OutboxWorker({ db: opened.db, engine: opened.engine, senders: [...deps.senders], clock: deps.clock, owner: `cli:${process.pid}:${deps.newId()}` });
  const kinds = deps.senders.map((s) => s.kind);
  const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
  const settled = await deliverPending(worker, opened.db, cohortId, kinds, { timeoutMs: DELIVER_TIMEOUT_MS, pauseMs: 500, sleep, now: Date.now });
  if (!settled) {
    io.out('Ikke alt er sendt endnu; serveren sender resten og prøver igen ved fejl.\nNot everything is sent yet; the server sends the rest and retries failures.\n');
  }
}

type CalendarCommand = Extract<Command, { name: 'book' | 'move' | 'cancel' | 'rebook' }>;

async function runCalendar(command: CalendarCommand, change: ChangeDeps, io: CliIo, deps: CliDeps): Promise<number> {
  switch (command.name) {
    case 'book': {
      const organizer = command.organizer ?? deps.organizer;
      if (organizer === null) {
        io.err(usageText({ da: 'Angiv arrangørens postkasse: --organizer eller ORGANIZER_MAILBOX.', en: "Give the organiser's mailbox: --organizer or ORGANIZER_MAILBOX." }));
        return EXIT.refused;
      }
      const { cohort } = await bookSeries(change, command.id, organizer);
      const plenaries = cohort.meetings.filter((m) => m.kind === 'plenary').length;
      io.out(calendarText(cohort, { da: `Booket: ${plenaries} fællesmøder i "${cohort.name}".`, en: `Booked: ${plenaries} plenary meetings of "${cohort.name}".` }));
      return EXIT.ok;
    }
    case 'move': {
      const start = parseLocalDateTime(command.start, 'start');
      const { cohort } = await movePlenaryByKey(change, command.id, command.meeting, start);
      io.out(calendarText(cohort, plenaryDone(cohort, command.meeting, { da: 'Flyttet', en: 'Moved' })));
      return EXIT.ok;
    }
    case 'cancel': {
      const { cohort } = await cancelPlenaryByKey(change, command.id, command.meeting);
      io.out(calendarText(cohort, plenaryDone(cohort, command.meeting, { da: 'Aflyst', en: 'Called off' })));
      return EXIT.ok;
    }
    case 'rebook': {
      const start = command.start === null ? null : parseLocalDateTime(command.start, 'start');
      const { cohort } = await rebookPlenaryByKey(change, command.id, command.meeting, start);
      io.out(calendarText(cohort, plenaryDone(cohort, command.meeting, { da: 'Booket igen', en: 'Booked again' })));
      return EXIT.ok;
    }
  }
}

/**
 * `npm run cohort -- import | export | list | erase | outbox | retry | status | answers | reach | team | invite | remind | announce | book | move | cancel | rebook | link | revoke`. Returns the exit code:
 * 0 done, 2 a refused document or a wrong command line, 1 anything else (an unknown id, say).
 */
export async function main(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const command = parseCohortArgs(argv);
  if (command.name === 'usage') {
    io.err(usageText(command.problem));
    return EXIT.refused;
  }
  if (command.name === 'help') {
    io.out(usageText());
    return EXIT.ok;
  }
  const store = await deps.openStore();
  try {
    return await run(command, store, io, deps);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    io.err(failureText(error));
    return EXIT.failed;
  } finally {
    await store.close();
  }
}

async function fromProcess(): Promise<number> {
  const io: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
  const runtime = loadRuntime(process.env);
  if (!runtime.ok) {
    io.err(`${runtime.message}\n`);
    return EXIT.failed;
  }
  const { config, senders, responses } = runtime;
  const clock = clockOf(config);
  const organizer = config.mode.kind === 'tenant' ? config.mode.organizerMailbox : null;
  return main(process.argv.slice(2), io, { openStore: () => openStore({ ...config.store, clock }), clock, newId, senders, organizer, responses, tenant: config.mode.kind === 'tenant', links: config.links });
}

if (require.main === module) {
  fromProcess().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Fejl / error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
