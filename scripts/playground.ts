import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DemoUser } from '../src/app/demo-users';
import { loadConfig, type Config } from '../src/config/config';
import { isConfigError } from '../src/config/config-error';
import { PACKAGE_ROOT } from '../src/server/package-root';

/**
 * `npm run playground`: the built server in local mode and Microsoft 365 Agents Playground, a
 * Teams-like chat in the browser, talking to the bot at POST /api/messages as the people of
 * `.m365agentsplayground.yml` (the demo cohort's), with no tenant. An empty database gets the demo
 * cohort first. Ctrl-C stops both.
 */

const PLAYGROUND_CONFIG_FILE = resolve(PACKAGE_ROOT, '.m365agentsplayground.yml');
const SERVER_MAIN = resolve(PACKAGE_ROOT, 'dist', 'src', 'server', 'main.js');
const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');

const START_TIMEOUT_MS = 30_000;

const ROLE_WORDS: Record<DemoUser['role'], string> = {
  advisor: 'rådgiver / advisor',
  leader: 'leder/tovholder / lead contact',
  participant: 'deltager / participant',
};

class PlaygroundError extends Error {}

interface PlaygroundUser {
  name: string;
  email: string;
}

interface PlaygroundConfig {
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
}

/**
 * The playground writes `locale: "en-US"` into every activity whatever the browser's language, and
 * the bot answers in the activity's language; Teams would send the user's own. So the activities
 * pass through here on their way to the bot and get the locale a Danish Teams client sends.
 */
function withLocale(activity: unknown, locale: string): unknown {
  if (typeof activity !== 'object' || activity === null || Array.isArray(activity)) return activity;
  const { entities } = activity as { entities?: unknown };
  return {
    ...activity,
    locale,
    ...(Array.isArray(entities)
      ? { entities: entities.map((e: unknown) => (typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'clientInfo' ? { ...e, locale } : e)) }
      : {}),
  };
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function localized(body: Buffer, locale: string): Buffer {
  try {
    return Buffer.from(JSON.stringify(withLocale(JSON.parse(body.toString('utf8')), locale)), 'utf8');
  } catch {
    // Not JSON: the bot endpoint refuses it itself, as it would from Teams.
    return body;
  }
}

/** A loopback relay to the server that sets the activities' locale; its address, and how to close it. */
async function startLocaleRelay(serverUrl: string, locale: string): Promise<{ url: string; close(): Promise<void> }> {
  const relay = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const answer = await fetch(new URL(req.url ?? '/', serverUrl), { method: req.method, headers, body: hasBody ? localized(body, locale) : undefined });
      const type = answer.headers.get('content-type');
      res.writeHead(answer.status, type ? { 'content-type': type } : {});
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Serveren svarer ikke / the server does not answer: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  const { port } = relay.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => relay.close(() => done())),
  };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit').then(() => undefined);
}

/** Resolves when `ready` does, or throws when the child exits first or time runs out. */
async function whileAlive<T>(child: ChildProcess, what: string, ready: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PlaygroundError(`${what} startede ikke inden for / did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
  });
  const died = exited(child).then(() => {
    throw new PlaygroundError(`${what} stoppede under starten / stopped while starting (exit ${child.exitCode ?? child.signalCode})`);
  });
  try {
    return await Promise.race([ready, died, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function healthy(url: string): Promise<void> {
  for (;;) {
    if ((await fetch(`${url}/healthz`).then((res) => res.status, () => 0)) === 200) return;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The demo cohort into an empty database, through the server's own one-click start. */
async function loadDemoIfEmpty(url: string): Promise<void> {
  const res = await fetch(`${url}/api/demo/examples`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  if (res.status === 409) console.log('Databasen har allerede gruppeforløb; de bruges / the database already has cohorts; they are used.');
  else if (res.status !== 201) throw new PlaygroundError(`Demo-forløbet kunne ikke indlæses / the demo cohort could not be loaded: HTTP ${res.status} ${await res.text()}`);
}

/**
 * The playground prints `Listening on <port>` when its output is not a terminal (the rest goes to
 * its log file); it may have moved off a busy port.
 */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((found) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /Listening on (\d+)/.exec(seen);
      if (match) found(Number(match[1]));
    });
  });
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new PlaygroundError(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

function personLine(user: PlaygroundUser, demo: readonly DemoUser[]): string {
  const known = demo.filter((d) => d.email.toLowerCase() === user.email.toLowerCase());
  const roles = known.map((d) => `${ROLE_WORDS[d.role]}${d.municipality ? `, ${d.municipality}` : ''} (${d.cohortName})`);
  return `${user.name} <${user.email}> – ${roles.length > 0 ? roles.join('; ') : 'i intet gruppeforløb: botten siger, hvem man kan kontakte / in no cohort: the bot says whom to contact'}`;
}

function welcomeLines(playgroundUrl: string, botUrl: string, locale: string, config: PlaygroundConfig, demo: readonly DemoUser[]): string[] {
  return [
    '',
    `Microsoft 365 Agents Playground: ${playgroundUrl}  (åbn i browseren / open it in a browser)`,
    `  Botten / the bot: ${botUrl}/api/messages, lokal tilstand, sprog / local mode, locale ${locale}`,
    `  Du chatter som / you chat as: ${personLine(config.currentUser, demo)}`,
    '  Også i teamet og gruppechatten / also in the team and the group chat:',
    ...config.users.map((user) => `    ${personLine(user, demo)}`),
    '  Skriv / type: hjælp, møder, status, forberedelse, opfølgning',
    '  Et tilmeldingskort i chatten / an RSVP card in the chat (i en anden terminal / in another terminal):',
    '    npm run cohort -- book demo --organizer signe.vestergaard@styrelsen.example.org',
    '    npm run cohort -- remind demo refleksion-2 rsvp',
    `  En anden bruger: byt currentUser i / another user: swap currentUser in ${PLAYGROUND_CONFIG_FILE}`,
    '  Ctrl-C stopper begge / stops both.',
    '',
  ];
}

function localConfig(): Config | null {
  try {
    const config = loadConfig(process.env);
    if (config.mode.kind === 'local') return config;
    console.error('npm run playground kører kun i lokal tilstand: fjern AAD_APP_TENANT_ID / runs in local mode only: unset AAD_APP_TENANT_ID');
  } catch (error) {
    if (!isConfigError(error)) throw error;
    console.error(error.message);
  }
  return null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { locale: { type: 'string', default: 'da-DK' } } });
  const locale = values.locale;
  const config = localConfig();
  if (config === null) {
    process.exitCode = 1;
    return;
  }
  const serverUrl = `http://127.0.0.1:${config.port}`;
  const children: ChildProcess[] = [];
  let relay: { url: string; close(): Promise<void> } | null = null;
  let stopping = false;

  // Children run in process groups of their own, so a Ctrl-C reaches them once, from here: the
  // server takes a second signal as "stop at once".
  const start = (args: string[], env: NodeJS.ProcessEnv, stdout: 'inherit' | 'pipe'): ChildProcess => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', stdout, 'inherit'], detached: true });
    children.push(child);
    void exited(child).then(() => {
      if (stopping) return;
      console.error(`${args[0] === SERVER_MAIN ? 'Serveren' : 'Playground'} stoppede / stopped (exit ${child.exitCode ?? child.signalCode}); stopper resten / stopping the rest`);
      void stop(1);
    });
    return child;
  };
  const alive = () => children.filter((c) => c.exitCode === null && c.signalCode === null);
  const stop = async (code: number): Promise<void> => {
    if (stopping) {
      for (const child of alive()) child.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    for (const child of alive()) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    await relay?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // Whatever ends this process, no child is left behind.
  process.on('exit', () => alive().forEach((child) => child.kill('SIGKILL')));

  try {
    const server = start([SERVER_MAIN], process.env, 'inherit');
    await whileAlive(server, 'Serveren / the server', healthy(serverUrl));
    await loadDemoIfEmpty(serverUrl);
    relay = await startLocaleRelay(serverUrl, locale);
    const playground = start(
      [PLAYGROUND_CLI, '--app-endpoint', `${relay.url}/api/messages`, '--channel-id', 'msteams', '--disable-telemetry'],
      {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH ?? PLAYGROUND_CONFIG_FILE,
        // Its log goes beside the database (data/ by default), not into a devTools/ folder of the working directory.
        M365_AGENTS_PLAYGROUND_LOGFILE: process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? resolve(config.store.databaseFile, '..', 'm365agentsplayground.log'),
        // --disable-telemetry stops its events; the Application Insights SDK it still loads would send usage statistics of its own.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      },
      'pipe',
    );
    const port = await whileAlive(playground, 'Playground', listeningPort(playground));
    const playgroundUrl = `http://localhost:${port}`;
    const [playgroundConfig, demo] = await Promise.all([
      json<{ config: PlaygroundConfig }>(`${playgroundUrl}/_internal/v1/testConfig`),
      json<{ users: DemoUser[] }>(`${serverUrl}/api/demo-users`),
    ]);
    console.log(welcomeLines(playgroundUrl, serverUrl, locale, playgroundConfig.config, demo.users).join('\n'));
  } catch (error) {
    console.error(error instanceof PlaygroundError ? error.message : error);
    await stop(1);
  }
}

if (require.main === module) void main();
