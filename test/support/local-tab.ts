import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, type Browser } from './browser';
import { spawnMain, waitForHealthy, type ChildServer } from './child-server';
import { runBuiltCli, type CliRun } from './cli-process';
import { DEMO_COHORT_FILE, weekBeforeDemoWindow } from './demo-moment';
import { freePort, tempDir } from './http';

/** The tab as Vite builds it; the browser tests need `npm run build` first. */
export const BUILT_TAB = resolve(__dirname, '../../tab/dist/index.html');

export function assertTabBuilt(): void {
  if (!existsSync(BUILT_TAB)) throw new Error(`The tab is not built (${BUILT_TAB} is missing): run \`npm run build\` first.`);
}

export interface LocalTabOptions {
  /** Import the demo cohort with the cohort command line before the server starts; otherwise the database starts empty. */
  demo: boolean;
  /** Further cohort commands run before the server starts, after the import, e.g. `['book', 'demo', '--organizer', ADVISOR]`. */
  commands?: readonly (readonly string[])[];
  /** Where the local clock starts (LOCAL_NOW); a week before the demo's window unless given, `null` for the real clock. */
  localNow?: string | null;
  /** More variables for the server and the command line. */
  env?: Record<string, string>;
  /** A browser to use instead of launching one; it is left open by close(). */
  browser?: Browser;
}

export interface ApiCall {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LocalTab {
  /** The server's origin, e.g. http://127.0.0.1:1234. */
  url: string;
  browser: Browser;
  server: ChildServer;
  dir: string;
  databaseFile: string;
  /** The cohort command line against the same database and clock. */
  cli(args: readonly string[]): Promise<CliRun>;
  /** The API (`/api…`) as a demo user, to set up or check what the page should show. */
  asUser<T = unknown>(email: string, path: string, init?: ApiCall): Promise<{ status: number; json: T }>;
  /** A new browser tab (so a new sessionStorage) on /tab, signed in as the demo user picked. */
  openAs(email: string, options?: { dark?: boolean }): Promise<Page>;
  /** A full-page screenshot into test-results/. */
  shot(page: Page, name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * The built server in local mode on a free port, with a temp SQLite database (the demo cohort in it
 * if asked) and Debian's chromium: what the browser tests against a running server share.
 */
export async function startLocalTab(options: LocalTabOptions): Promise<LocalTab> {
  assertTabBuilt();
  const ownBrowser = options.browser === undefined;
  const browser = options.browser ?? (await launchChromium());
  let server: ChildServer | undefined;
  const close = async () => {
    if (ownBrowser) await browser.close();
    server?.process.kill('SIGINT');
    await server?.exit;
  };
  try {
    const dir = tempDir();
    const databaseFile = join(dir, 'tab.sqlite');
    const localNow = options.localNow === undefined ? weekBeforeDemoWindow() : options.localNow;
    const env: Record<string, string> = { DATABASE_FILE: databaseFile, ...(localNow === null ? {} : { LOCAL_NOW: localNow }), ...options.env };
    const cli = (args: readonly string[]) => runBuiltCli(env, args);
    for (const args of [...(options.demo ? [['import', DEMO_COHORT_FILE]] : []), ...(options.commands ?? [])]) {
      const run = await cli(args);
      if (run.code !== 0) throw new Error(`\`cohort ${args.join(' ')}\` exited with ${run.code}: ${run.err}${run.out}`);
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = spawnMain({ PORT: String(port), ...env }, dir);
    await waitForHealthy(url, server, 10_000);

    const asUser = async <T = unknown>(email: string, path: string, init: ApiCall = {}): Promise<{ status: number; json: T }> => {
      const res = await fetch(`${url}/api${path}`, {
        method: init.method ?? 'GET',
        headers: { 'X-Demo-User': email, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, json: parsed(await res.text()) as T };
    };

    const openAs = async (email: string, { dark = false }: { dark?: boolean } = {}): Promise<Page> => {
      const page = await browser.context.newPage();
      if (dark) await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(`${url}/tab/`);
      await page.getByLabel('Demobruger').selectOption(email);
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.getByText('Lokal afprøvning: du ser fanen som').waitFor();
      return page;
    };

    const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });

    return { url, browser, server, dir, databaseFile, cli, asUser, openAs, shot, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** An answer's JSON; `undefined` for an empty or non-JSON body, which the test then finds missing. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
