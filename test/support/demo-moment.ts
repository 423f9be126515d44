import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEMO_COHORT_FILE = resolve(__dirname, '../../examples/demo.cohort.json');

/**
 * A week before the committed demo cohort's preparatory window opens, at 10:00, whenever the demo
 * was dated: a server started with it as LOCAL_NOW sees every meeting and slot still ahead, so the
 * tests that run the demo keep passing as the calendar moves on.
 */
export function weekBeforeDemoWindow(): string {
  const demo = JSON.parse(readFileSync(DEMO_COHORT_FILE, 'utf8')) as { meetings: { kind: string; days?: string[] }[] };
  const first = demo.meetings.find((m) => m.kind === 'preparatory')!.days![0]!;
  const day = new Date(`${first}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 7);
  return `${day.toISOString().slice(0, 10)}T10:00`;
}
