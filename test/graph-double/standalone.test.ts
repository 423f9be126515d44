import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rawRequest } from '../support/graph-double';

const REGISTER = resolve(__dirname, '../support/ts-register.js');
const MAIN = resolve(__dirname, '../support/graph-double/main.ts');

describe('the double in a process of its own', () => {
  it('prints how to reach it, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['-r', REGISTER, MAIN], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exit = once(child, 'exit');
    let out = '';
    const line = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const ready = /^ready (.+)$/m.exec(out);
        if (ready) done(ready[1]!);
      });
      child.once('exit', (code) => fail(new Error(`exited with ${code} before it was ready`)));
    });
    const ready = JSON.parse(line) as Record<string, string>;
    expect(Object.keys(ready)).toEqual(expect.arrayContaining(['AAD_APP_TENANT_ID', 'AAD_APP_CLIENT_ID', 'AAD_APP_CLIENT_SECRET', 'AAD_APP_OAUTH_AUTHORITY_HOST', 'GRAPH_ENDPOINT', 'NODE_EXTRA_CA_CERTS', 'knownAuthority']));
    const ca = readFileSync(ready.NODE_EXTRA_CA_CERTS!, 'utf8');
    const counts = await rawRequest(`${ready.GRAPH_ENDPOINT}/_double/counts`, ca);
    expect(counts.json).toMatchObject({ graphCalls: 0, tokenRequests: 0 });
    child.kill('SIGTERM');
    expect(await exit).toEqual([0, null]);
  });
});
