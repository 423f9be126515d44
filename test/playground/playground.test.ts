import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { runBuiltCli } from '../support/cli-process';
import { weekBeforeDemoWindow } from '../support/demo-moment';
import { freePort, tempDir } from '../support/http';

/**
 * `npm run playground` as a developer runs it, headless: the built script starts the server in
 * local mode and Microsoft 365 Agents Playground, and the conversation is driven through the
 * playground's own HTTP API and web socket, the ones its chat page uses. Every connection off this
 * machine is refused and noted (test/support/offline-guard.js), in all three processes.
 */

const SCRIPT = resolve(__dirname, '../../dist/scripts/playground.js');
const OFFLINE_GUARD = resolve(__dirname, '../support/offline-guard.js');

const ADVISOR = 'signe.vestergaard@styrelsen.example.org';
/** `currentUser` of .m365agentsplayground.yml: the one who chats. */
const ME = { id: '29:demo-lone-bach', name: 'Lone Bach', email: 'lone.bach@horsens.example.org' };
const PERSONAL_CHAT = 'personal-chat-demo';

interface CardAction {
  type: string;
  verb?: string;
  title?: string;
  data?: Record<string, unknown>;
}

interface Card {
  body?: unknown[];
  actions?: CardAction[];
}

/** What the playground's web socket tells its chat page. */
interface ChatEvent {
  action: string;
  actionConversationId: string;
  message: { messageId: string; from: { id: string }; text?: string; attachments: { contentType: string; content: Card }[] };
}

jest.setTimeout(60_000);

describe('npm run playground: the bot in Microsoft 365 Agents Playground, without a tenant', () => {
  const dir = tempDir('gf-playground-');
  const offlineLog = join(dir, 'offline.log');
  const env = { PATH: process.env.PATH ?? '', LOCAL_NOW: weekBeforeDemoWindow(), NODE_OPTIONS: `--require ${OFFLINE_GUARD}`, OFFLINE_GUARD_LOG: offlineLog };
  let script: ChildProcess;
  let scriptExit: Promise<[number | null, NodeJS.Signals | null]>;
  let out = '';
  let serverUrl = '';
  let playgroundUrl = '';
  let socket: WebSocket;
  const events: ChatEvent[] = [];

  beforeAll(async () => {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first.`);
    const [port, playgroundPort] = [await freePort(), await freePort()];
    serverUrl = `http://127.0.0.1:${port}`;
    playgroundUrl = `http://127.0.0.1:${playgroundPort}`;
    script = spawn(process.execPath, [SCRIPT], {
      cwd: dir,
      env: { ...env, PORT: String(port), TEAMSAPPTESTER_PORT: String(playgroundPort), TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    scriptExit = once(script, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    script.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    script.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    await until(() => out.includes('Ctrl-C'), 45_000, () => `the script's ready message; it said:\n${out}`);
    socket = new WebSocket(`ws://127.0.0.1:${playgroundPort}/_ws_conversation/v1/conversations/stream`);
    socket.on('message', (data: Buffer) => events.push(JSON.parse(data.toString('utf8')) as ChatEvent));
    await once(socket, 'open');
  });

  afterAll(() => {
    socket?.close();
    if (script?.exitCode === null && script.signalCode === null) script.kill('SIGKILL');
  });

  async function until(done: () => boolean, ms: number, what: () => string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
      await new Promise((wake) => setTimeout(wake, 50));
    }
  }

  const botCards = (): { messageId: string; card: Card }[] =>
    events
      .filter((e) => e.action === 'createMessage' && e.actionConversationId === PERSONAL_CHAT && e.message.from.id !== ME.id)
      .flatMap((e) => e.message.attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => ({ messageId: e.message.messageId, card: a.content })));

  async function cardSaying(text: string): Promise<{ messageId: string; card: Card }> {
    const match = () => botCards().find(({ card }) => JSON.stringify(card).includes(text));
    await until(() => match() !== undefined, 15_000, () => `a card saying "${text}"; cards so far: ${JSON.stringify(botCards().map((c) => c.card)).slice(0, 2000)}`);
    return match()!;
  }

  async function postToPlayground(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${playgroundUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  it('says where to open the playground, whom you chat as and who else is there, each a person of the demo cohort it loaded', () => {
    expect(out).toContain(`Microsoft 365 Agents Playground: http://localhost:${new URL(playgroundUrl).port}`);
    expect(out).toContain('Eksemplet er indlæst / the example is loaded: Demo: Organisering af M-ACT');
    expect(out).toContain(`Du chatter som / you chat as: ${ME.name} <${ME.email}> – leder/tovholder / lead contact, Horsens Kommune`);
    expect(out).toContain(`Signe Vestergaard <${ADVISOR}> – rådgiver / advisor`);
    expect(out).toContain('Birgitte Lund <birgitte.lund@horsens.example.org> – deltager / participant, Horsens Kommune');
    expect(out).not.toContain('i intet gruppeforløb');
  });

  it('welcomes the person who installs the bot once, by first name and in Danish, as Teams would', async () => {
    expect((await postToPlayground(`/_debug/conversation/${PERSONAL_CHAT}/installation`, {})).status).toBe(200);
    const { card } = await cardSaying('Hej Lone');
    expect(card.actions?.map((a) => a.title)).toEqual(expect.arrayContaining(['Mine møder']));
    // Teams announces an installation twice; the person is greeted once.
    await new Promise((wait) => setTimeout(wait, 1_000));
    expect(botCards().filter(({ card: c }) => JSON.stringify(c).includes('Hej Lone'))).toHaveLength(1);
  });

  it('answers "møder" with the coming meetings and the person’s own answers', async () => {
    const sent = await postToPlayground(`/_conversation/v1/conversations/${PERSONAL_CHAT}/messages`, { from: { id: ME.id }, text: 'møder', textFormat: 'plain' });
    expect(sent.status).toBe(200);
    const { card } = await cardSaying('Mine kommende møder');
    const text = JSON.stringify(card);
    expect(text).toContain('Opstartsmøde');
    expect(text).toContain('Dit svar: Jeg kommer');
  });

  it('stores an answer pressed on the RSVP reminder card, dietary note included, and shows the card updated', async () => {
    const cli = { ...env, DATABASE_FILE: join(dir, 'data', 'gruppeforloeb.sqlite') };
    expect(await runBuiltCli(cli, ['book', 'demo', '--organizer', ADVISOR])).toMatchObject({ code: 0 });
    expect(await runBuiltCli(cli, ['remind', 'demo', 'refleksion-2', 'rsvp'])).toMatchObject({ code: 0 });
    // The server's outbox sends the reminder into the chat the installation opened.
    const reminder = await cardSaying('"verb":"rsvp"');
    const coming = reminder.card.actions!.find((a) => a.verb === 'rsvp' && a.data?.answer === 'in_person')!;
    expect(coming.title).toBe('Jeg kommer');
    const meetingId = coming.data!.meetingId as string;

    // As the chat page sends a press: the action's data with the card's inputs merged in.
    const pressed = await postToPlayground('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', title: coming.title, verb: coming.verb, data: { ...coming.data, dietaryNote: 'Vegansk' } } },
      from: { id: ME.id },
      conversation: { id: PERSONAL_CHAT },
      replyToId: reminder.messageId,
    });
    expect(pressed.status).toBe(200);
    const updated = JSON.stringify((pressed.json as { value: Card }).value);
    expect(updated).toContain('Tak – dit svar er registreret.');
    expect(updated).toContain('Vegansk');

    const res = await fetch(`${serverUrl}/api/cohorts/demo/rsvp-matrix`, { headers: { 'X-Demo-User': ADVISOR } });
    expect(res.status).toBe(200);
    const matrix = (await res.json()) as {
      meetings: { id: string; catering: { dietaryNotes: { name: string; note: string }[] } | null }[];
      participants: { name: string; answers: { meetingId: string; answer: string; source: string; forCurrentDate: boolean }[] }[];
    };
    const mine = matrix.participants.find((p) => p.name === ME.name)!.answers.find((a) => a.meetingId === meetingId);
    expect(mine).toMatchObject({ answer: 'in_person', source: 'chat', forCurrentDate: true });
    expect(matrix.meetings.find((m) => m.id === meetingId)!.catering!.dietaryNotes).toContainEqual(expect.objectContaining({ name: ME.name, note: 'Vegansk' }));
  });

  it('stops both the server and the playground on Ctrl-C', async () => {
    script.kill('SIGINT');
    const [code] = await scriptExit;
    expect(code).toBe(0);
    for (const url of [`${serverUrl}/healthz`, `${playgroundUrl}/_debug/ping`]) {
      await expect(fetch(url)).rejects.toThrow();
    }
  });

  it('reached nothing off this machine: no telemetry, no update check', () => {
    expect(existsSync(offlineLog) ? readFileSync(offlineLog, 'utf8') : '').toBe('');
  });
});
