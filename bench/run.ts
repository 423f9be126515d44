import { bookingBench } from './booking-bench';
import { botBench } from './bot-bench';
import { formatFigure, type BenchModule } from './figures';
import { graphBench } from './graph-bench';
import { outboxBench } from './outbox-bench';
import { serverBench } from './server-bench';
import { tabBench } from './tab-bench';

const MODULES: BenchModule[] = [serverBench, outboxBench, graphBench, botBench, bookingBench, tabBench];

/** `npm run bench -- tab booking` runs only the modules named; no names, all of them. */
function chosen(names: readonly string[]): BenchModule[] {
  const unknown = names.filter((name) => !MODULES.some((m) => m.name === name));
  if (unknown.length > 0) throw new Error(`unknown bench module(s) ${unknown.join(', ')}; known: ${MODULES.map((m) => m.name).join(', ')}`);
  return names.length === 0 ? MODULES : MODULES.filter((m) => names.includes(m.name));
}

async function run(): Promise<void> {
  for (const module of chosen(process.argv.slice(2))) {
    for (const figure of await module.run()) formatFigure(figure).forEach((line) => console.log(line));
  }
}

run().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
