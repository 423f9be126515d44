import { systemClock } from '../../src/app/clock';
import { loadConfig, type Config } from '../../src/config/config';
import type { HealthSource } from '../../src/server/app';
import { createLog } from '../../src/server/log';
import { startServer, type RunningServer } from '../../src/server/server';
import { heldPost, settledWithin, tempDir } from '../support/http';
import { engines, useStore } from '../support/engines';
import { unreachableStore } from '../support/store-double';

const logged: string[] = [];
const log = createLog('debug', (line) => logged.push(line), (line) => logged.push(line));

function localConfig(): Config {
  return { ...loadConfig({}, tempDir()), port: 0 };
}

async function serve(store: HealthSource, config = localConfig(), shutdownGraceMs?: number): Promise<RunningServer> {
  return startServer(config, { store, clock: systemClock, log, shutdownGraceMs });
}

describe.each(engines())('GET /healthz on the real $name store', (engine) => {
  const fixture = useStore(engine);
  let server: RunningServer;

  beforeAll(async () => {
    server = await serve(fixture.store);
  });

  afterAll(() => server.close());

  it('answers 200 with the engine and the mode', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok', engine: engine.name, mode: 'local' });
  });
});

describe('the HTTP edge', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await serve(unreachableStore());
  });

  afterAll(() => server.close());

  it('answers 503 when the database does not answer, and logs why', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    expect(logged.some((line) => line.includes('ECONNREFUSED'))).toBe(true);
  });

  it('answers an unknown /api path with 404 JSON in Danish and English', async () => {
    const res = await fetch(`${server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: { da: 'Adressen findes ikke', en: 'No such address' } } });
  });

  it('answers malformed JSON with 400 JSON, not an HTML stack trace', async () => {
    const res = await fetch(`${server.url}/api/cohorts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'malformed_json' } });
    expect(body).not.toMatch(/<html|at .*\.js/i);
  });

  it('refuses a JSON body over 100 kB with 413 JSON', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(101 * 1024) });
    const res = await fetch(`${server.url}/api/cohorts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'body_too_large' } });
  });

  it('does not announce Express', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('close()', () => {
  it('lets a request in progress finish, then ends its connection', async () => {
    const server = await serve(unreachableStore());
    const held = await heldPost(server.url, '/api/nothing-here', '{}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    expect(await settledWithin(closed, 200)).toBe(false);
    held.sendBody();
    const response = await held.response;
    expect(response).toMatch(/^HTTP\/1\.1 404/);
    expect(response).toMatch(/\r\nConnection: close\r\n/i);
    expect(await settledWithin(closed, 1000)).toBe(true);
  });

  it('does not wait for idle kept-alive connections', async () => {
    const server = await serve(unreachableStore());
    expect((await fetch(`${server.url}/api/x`)).headers.get('connection')).toBe('keep-alive');
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('cuts a connection that is still busy when the grace period ends', async () => {
    const server = await serve(unreachableStore(), localConfig(), 200);
    const held = await heldPost(server.url, '/api/nothing-here', '{}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(await held.response).toBe('');
  });

  it('returns the same promise when called twice', async () => {
    const server = await serve(unreachableStore());
    const closing = server.close();
    expect(server.close()).toBe(closing);
    await closing;
  });
});
