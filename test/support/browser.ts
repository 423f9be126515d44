import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { tempDir } from './http';

/** Debian's chromium (`apt-get install -y chromium`); the tests never download a browser of their own. */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the browser tests leave their screenshots (ignored by git). */
export const SCREENSHOTS = resolve(__dirname, '../../test-results');

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

const LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

/**
 * Chromium with a fresh profile in a temp folder. Every request off this machine is refused inside
 * the browser (teams-js asks Microsoft's CDN for its list of hosts; here it uses its built-in one).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Debian's chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = tempDir('gf-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    // Far from Copenhagen: the tab must show the meetings' Copenhagen times whatever the viewer's zone.
    timezoneId: 'America/New_York',
    locale: 'da-DK',
  });
  await context.route((url) => !LOOPBACK.test(url.href), (route) => route.abort('blockedbyclient'));
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
