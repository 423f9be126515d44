import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store';
import { spawnMain, waitForHealthy } from '../support/child-server';
import { freePort, heldPost, settledWithin, tempDir } from '../support/http';

function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces()).flat().find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the server process (node dist/src/server/main.js, what npm start runs)', () => {
  it('starts with no environment at all: /healthz answers, loopback only, and stops on SIGINT', async () => {
    const cwd = tempDir();
    const child = spawnMain({}, cwd);
    try {
      // How fast it starts is the benchmark's to say (server.cold_start_ms), not a timed assertion here.
      await waitForHealthy('http://127.0.0.1:3978', child, 15_000);
      expect(child.stdout()).toContain('kører lokalt på http://127.0.0.1:3978: ikke forbundet til Microsoft 365');
      expect(child.stdout()).toContain('not connected to Microsoft 365, listening on loopback (127.0.0.1) only');
      expect(child.stdout()).toContain('Fanen / the tab: http://127.0.0.1:3978/tab');
      expect(existsSync(join(cwd, 'data/gruppeforloeb.sqlite'))).toBe(true);
      const outside = nonLoopbackAddress();
      if (outside !== undefined) expect(await connects(outside, 3978)).toBe(false);
    } finally {
      child.process.kill('SIGINT');
    }
    expect(await child.exit).toEqual({ code: 0, signal: null });
    // The last line: everything stopped and the database closed, not a process that just ran out of work.
    expect(child.stdout().trim().split('\n').at(-1)).toContain('Stoppet / stopped');
  });

  it('refuses a bad PORT with exit 1 and one line on stderr naming it', async () => {
    const child = spawnMain({ PORT: 'abc' }, tempDir());
    expect(await child.exit).toEqual({ code: 1, signal: null });
    expect(child.stderr()).toBe('PORT: skal være et heltal 1–65535 / must be an integer 1–65535 (fik/got "abc")\n');
    expect(child.stdout()).toBe('');
  });

  it('on SIGTERM lets the request in progress finish, closes the database cleanly and exits 0', async () => {
    const port = await freePort();
    const databaseFile = join(tempDir(), 'gf.sqlite');
    const url = `http://127.0.0.1:${port}`;
    const child = spawnMain({ PORT: String(port), DATABASE_FILE: databaseFile, LOCAL_NOW: '2023-05-04T09:30' }, tempDir());
    await waitForHealthy(url, child, 5000);
    expect(child.stdout()).toContain('Uret er flyttet med LOCAL_NOW: klokken er 2023-05-04 09:30 dansk tid');

    const held = await heldPost(url, '/nothing-here', '{}');
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.process.kill('SIGTERM');
    expect(await settledWithin(child.exit, 300)).toBe(false);
    held.sendBody();
    expect(await held.response).toMatch(/^HTTP\/1\.1 404/);
    expect(await child.exit).toEqual({ code: 0, signal: null });
    expect(child.stdout()).toContain('Stoppet / stopped');

    expect(existsSync(`${databaseFile}-wal`)).toBe(false);
    const reopened = await openStore({ databaseUrl: null, databaseFile });
    await expect(reopened.ping()).resolves.toBeUndefined();
    await reopened.close();
  });
});
