import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { changeCohort } from '../src/app/change-cohort';
import type { Clock } from '../src/app/clock';
import { parseLocalDateTime, toInstant } from '../src/domain/local-time';
import { recordRsvp } from '../src/domain/rsvp';
import { openStore } from '../src/store/open-store';
import { cohortOf, openConnections, percentile, round, seedCohort, startBotChild, type BotChild } from './bot-bench';
import type { BenchModule, Figure } from './figures';

const TAB_DIST = resolve(__dirname, '../tab/dist');
const CLIENTS = 50;
const REQUESTS_EACH = 10;
/** Before the kick-off, the moment the advisors look at the answers. */
const MOMENT = '2023-04-20T08:00';

/** The scripts and module preloads index.html names: what a browser fetches before the first view shows. */
function firstViewScripts(): string[] {
  const html = readFileSync(join(TAB_DIST, 'index.html'), 'utf8');
  const paths = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set(paths)].map((path) => join(TAB_DIST, path.replace(/^\/tab\//, '').replace(/^\//, '')));
}

function jsGzipKb(): Figure {
  const files = firstViewScripts();
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  return {
    name: 'tab.js_gzip_kb',
    value: round(bytes / 1024, 1),
    unit: 'kB',
    note: `the JavaScript index.html of the built tab loads (${files.length} file(s)), each gzipped at level 9, summed`,
  };
}

/** A 6-municipality cohort of 60 participants, half of whom have answered each plenary. */
async function seedMatrixCohort(databaseFile: string, clock: Clock): Promise<{ cohortId: string; advisor: string }> {
  const store = await openStore({ databaseUrl: null, databaseFile });
  try {
    const cohort = await seedCohort(store, clock, cohortOf('tab', 6, 10));
    await changeCohort({ db: store.db, clock }, cohort.id, (c, now) =>
      c.meetings.reduce((acc, meeting, i) => {
        if (meeting.kind !== 'plenary') return acc;
        const answering = acc.municipalities.flatMap((m) => m.participants).filter((_, p) => (p + i) % 2 === 0);
        const answer = meeting.form === 'physical' ? 'in_person' : 'online';
        return answering.reduce((inner, p) => recordRsvp(inner, { meetingId: meeting.id, participantId: p.id, answer, dietaryNote: null, at: now, source: 'tab' }).cohort, acc);
      }, c),
    );
    return { cohortId: cohort.id, advisor: cohort.advisors[0]!.email };
  } finally {
    await store.close();
  }
}

/** The built server in a child process (local mode, SQLite), so the clients do not share its event loop. */
async function rsvpMatrixP99(): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'gf-tab-bench-'));
  const databaseFile = join(dir, 'tab.sqlite');
  let server: BotChild | null = null;
  try {
    const { cohortId, advisor } = await seedMatrixCohort(databaseFile, { now: () => toInstant(parseLocalDateTime(MOMENT)) });
    server = await startBotChild(MOMENT, { DATABASE_FILE: databaseFile });
    await openConnections(server.url, CLIENTS);
    const url = `${server.url}/api/cohorts/${cohortId}/rsvp-matrix`;
    const samples: number[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < REQUESTS_EACH; i++) {
          const before = performance.now();
          const res = await fetch(url, { headers: { 'x-demo-user': advisor } });
          const text = await res.text();
          if (res.status !== 200) throw new Error(`rsvp-matrix answered ${res.status}: ${text.slice(0, 200)}`);
          samples.push(performance.now() - before);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    await server.stop();
    return {
      name: 'tab.api_p99_ms',
      value: round(percentile(samples, 99), 1),
      unit: 'ms',
      note: `GET /api/cohorts/:id/rsvp-matrix of a cohort of 6 municipalities and 60 participants (half answered each plenary), ${CLIENTS} clients × ${REQUESTS_EACH} at once over kept-alive connections, the built server in a child process on SQLite (local mode); p50 ${round(percentile(samples, 50), 1)} ms, ${round(samples.length / seconds)} requests/s`,
    };
  } finally {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const tabBench: BenchModule = {
  name: 'tab',
  run: async () => [jsGzipKb(), await rsvpMatrixP99()],
};
