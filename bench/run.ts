import { bookingBench } from './booking-bench';
import { botBench } from './bot-bench';
import { formatFigure, type BenchModule } from './figures';
import { graphBench } from './graph-bench';
import { outboxBench } from './outbox-bench';
import { serverBench } from './server-bench';
import { tabBench } from './tab-bench';

const MODULES: BenchModule[] = [serverBench, outboxBench, graphBench, botBench, bookingBench, tabBench];

async function run(): Promise<void> {
  for (const module of MODULES) {
    for (const figure of await module.run()) formatFigure(figure).forEach((line) => console.log(line));
  }
}

run().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
