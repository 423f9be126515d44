import { join } from 'node:path';
import { BotConnectorDouble, installationUpdateActivity, makeTeamsUser, postActivity, type PersonalChat } from '../support/bot-connector-double';
import { spawnMain, waitForHealthy, type ChildServer } from '../support/child-server';
import { runBuiltCli } from '../support/cli-process';
import { freePort, tempDir } from '../support/http';
import { validateCard } from '../support/adaptive-card-validation';

/**
 * The built server in local mode, as `npm start` runs it, with the clock set just before and then
 * at two weeks before the demo's first reflection meeting (19 January 2027, virtual, with presentations).
 */
describe('reminders reach a Teams chat, once, across restarts', () => {
  const dir = tempDir();
  const env = { PATH: process.env.PATH ?? '', DATABASE_FILE: join(dir, 'db.sqlite') };
  /** A day before the reminder is due, then the day it is. */
  const BEFORE = '2027-01-04T10:00';
  const DUE = '2027-01-05T10:00';
  let connector: BotConnectorDouble;
  let chat: PersonalChat;
  let url = '';

  async function server(localNow: string): Promise<ChildServer> {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const child = spawnMain({ ...env, LOCAL_NOW: localNow, PORT: String(port) }, dir);
    await waitForHealthy(url, child, 15_000);
    return child;
  }

  async function stop(child: ChildServer): Promise<void> {
    child.process.kill('SIGTERM');
    await child.exit;
  }

  async function until(predicate: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  beforeAll(async () => {
    connector = await BotConnectorDouble.start();
    chat = connector.chat({ ...makeTeamsUser('Lone Bach'), email: 'lone.bach@horsens.example.org', userPrincipalName: 'lone.bach@horsens.example.org' });
    expect((await runBuiltCli({ ...env, LOCAL_NOW: BEFORE }, ['import', 'examples/demo.cohort.json'])).code).toBe(0);
    expect((await runBuiltCli({ ...env, LOCAL_NOW: BEFORE }, ['book', 'demo', '--organizer', 'signe.vestergaard@styrelsen.example.org'])).code).toBe(0);
  }, 60_000);
  afterAll(() => connector.close());

  const presentationCards = () =>
    connector
      .activities(chat.conversationId)
      .flatMap((a) => (a.attachments ?? []) as { content: unknown }[])
      .map((a) => JSON.stringify(a.content))
      .filter((text) => text.includes('"verb":"presentation"'));

  it('sends the presentation reminder due now to a participant who installed the app, and never again', async () => {
    const first = await server(BEFORE);
    expect((await postActivity(`${url}/api/messages`, installationUpdateActivity(chat, 'add'))).status).toBe(200);
    await stop(first);

    // The reminder is derived from the store when the server starts again.
    const second = await server(DUE);
    await until(() => presentationCards().length === 1);
    const card = JSON.parse(presentationCards()[0]!) as unknown;
    validateCard(card);
    expect(JSON.stringify(card)).toContain('Om 14 dage');
    await stop(second);

    const third = await server(DUE);
    await new Promise((done) => setTimeout(done, 2_000));
    expect(presentationCards()).toHaveLength(1);
    await stop(third);
  }, 60_000);
});
