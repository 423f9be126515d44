/**
 * The double in a process of its own, for running the product (`npm run cohort -- book`, the bench)
 * against it by hand:
 *
 *   node -r ./test/support/ts-register.js test/support/graph-double/main.ts [options.json]
 *
 * options.json holds GraphDoubleOptions (no functions). Prints one line, `ready {json}`, with the
 * environment the product needs (env()), then serves until SIGTERM or SIGINT. Counts and faults
 * are at GET /_double/counts, GET /_double/events and POST /_double/config on the Graph host.
 */
import { readFileSync } from 'node:fs';
import { GraphDouble, type GraphDoubleOptions } from './index';

async function main(): Promise<void> {
  const file = process.argv[2];
  const options = file ? (JSON.parse(readFileSync(file, 'utf8')) as GraphDoubleOptions) : {};
  const double = await GraphDouble.start(options);
  const stop = () => void double.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const ready = { ...double.env(), knownAuthority: double.knownAuthority, scope: double.scope, mailboxes: double.mailboxes };
  process.stdout.write(`ready ${JSON.stringify(ready)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
