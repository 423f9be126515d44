import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../src/app/clock';
import { loadConfig } from '../../src/config/config';
import type { HealthSource } from '../../src/server/app';
import { createLog } from '../../src/server/log';
import { startServer, type RunningServer } from '../../src/server/server';
import { tempDir } from '../support/http';

const store: HealthSource = { engine: 'sqlite', ping: async () => undefined };
const log = createLog('error', () => undefined, () => undefined);

/** What Microsoft lists for a tab's frame-ancestors, with the page's own origin. */
const FRAME_ANCESTORS =
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://outlook.office.com https://outlook.office365.com https://*.cloud.microsoft https://*.microsoft365.com";

async function serve(tabDir: string): Promise<RunningServer> {
  return startServer({ ...loadConfig({}, tempDir()), port: 0 }, { store, clock: systemClock, log, tabDir });
}

describe('the built tab under /tab', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>tab</title><script type="module" src="/tab/assets/index-abc123.js"></script>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("tab");');
    server = await serve(dir);
  });
  afterAll(() => server.close());

  it.each(['/tab', '/tab/', '/tab/cohorts/demo', '/tab/cohorts/demo/rsvp'])('answers %s with index.html, framable by Teams, Outlook and Microsoft 365 only', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>tab</title>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual(expect.arrayContaining([FRAME_ANCESTORS, "default-src 'self'", "script-src 'self'", "object-src 'none'"]));
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the hashed assets to be cached for good, and a missing one as 404, not as the page', async () => {
    const asset = await fetch(`${server.url}/tab/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${server.url}/tab/assets/index-old.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<title>tab</title>');
  });

  it('serves pages only to GET and HEAD', async () => {
    expect((await fetch(`${server.url}/tab/cohorts/demo`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${server.url}/tab/cohorts/demo`, { method: 'POST' })).status).toBe(404);
  });
});

describe('the tab before it is built', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(join(tempDir(), 'not-built'));
  });
  afterAll(() => server.close());

  it('answers 503 with a plain page saying to run npm run build', async () => {
    const res = await fetch(`${server.url}/tab/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('npm run build');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
