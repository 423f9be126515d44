import type { BrowserContext, Page } from 'playwright-core';

/**
 * A stand-in for the Teams client around the tab: a page that frames /tab and answers teams-js's
 * postMessage protocol as Teams does (initialize with a runtime config, getContext with the
 * legacy context, authentication.getAuthToken with a token the test issues, and host-to-app
 * messages such as themeChange and settings.save). It is served at a path of the product's own
 * origin by the browser itself (a Playwright route), so teams-js trusts its messages without the
 * CDN's list of Microsoft hosts, and the product serves nothing for it.
 */

export interface HostContext {
  locale: string;
  theme: 'default' | 'dark' | 'contrast';
  /** 'content' for a tab, 'settings' on a configuration page. */
  frameContext: 'content' | 'settings';
  userObjectId: string;
  userPrincipalName: string;
  tid: string;
  teamName?: string;
  channelId?: string;
}

/** What the page inside asked of the host, in order: teams-js function names with their arguments. */
export interface HostCall {
  func: string;
  args: unknown[];
}

export type TokenAnswer = { ok: true; token: string } | { ok: false; reason: string };

export const HOST_PATH = '/teams-host-double.html';

const RUNTIME = {
  apiVersion: 4,
  isLegacyTeams: false,
  supports: { appInstallDialog: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, teamsCore: {}, dialog: { url: {}, update: {} } },
};

function hostPage(tabPath: string, context: HostContext): string {
  const legacyContext = {
    locale: context.locale,
    theme: context.theme,
    frameContext: context.frameContext,
    hostName: 'Teams',
    hostClientType: 'web',
    userObjectId: context.userObjectId,
    userPrincipalName: context.userPrincipalName,
    loginHint: context.userPrincipalName,
    tid: context.tid,
    appSessionId: 'host-double-session',
    teamName: context.teamName,
    channelId: context.channelId,
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Teams (test host)</title></head>
<body style="margin:0">
<iframe id="tab" title="tab" src="${tabPath}" style="border:0;width:1280px;height:900px"></iframe>
<script>
const frame = document.getElementById('tab');
const legacyContext = ${JSON.stringify(legacyContext)};
const runtime = ${JSON.stringify(JSON.stringify(RUNTIME))};
window.hostCalls = [];
window.sendToTab = (func, args) => frame.contentWindow.postMessage({ func, args }, '*');
window.addEventListener('message', async (event) => {
  if (event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || typeof message.func !== 'string') return;
  window.hostCalls.push({ func: message.func, args: message.args || [] });
  const reply = (args) => frame.contentWindow.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, '*');
  switch (message.func) {
    case 'initialize': return reply([legacyContext.frameContext, 'web', runtime, '2.58.0']);
    case 'getContext': return reply([legacyContext]);
    case 'authentication.getAuthToken': {
      const answer = await window.issueToken();
      return reply(answer.ok ? [true, answer.token] : [false, answer.reason]);
    }
    default: return reply([]);
  }
});
</script>
</body></html>`;
}

export interface TeamsHostDouble {
  page: Page;
  /** The tab's document inside the host's frame. */
  tab: ReturnType<Page['frameLocator']>;
  calls(): Promise<HostCall[]>;
  /** A host-to-app message, as Teams sends one (themeChange, settings.save, …). */
  send(func: string, args: unknown[]): Promise<void>;
}

/** Opens the host page on `origin`, framing `tabPath`, answering getAuthToken with `issueToken()`. */
export async function openInTeamsHost(
  context: BrowserContext,
  origin: string,
  tabPath: string,
  hostContext: HostContext,
  issueToken: () => TokenAnswer | Promise<TokenAnswer>,
): Promise<TeamsHostDouble> {
  const page = await context.newPage();
  await page.route(`${origin}${HOST_PATH}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hostPage(tabPath, hostContext) }));
  await page.exposeFunction('issueToken', issueToken);
  await page.goto(`${origin}${HOST_PATH}`);
  return {
    page,
    tab: page.frameLocator('#tab'),
    calls: () => page.evaluate(() => (globalThis as unknown as { hostCalls: HostCall[] }).hostCalls),
    send: (func, args) => page.evaluate(([f, a]) => (globalThis as unknown as { sendToTab(func: string, args: unknown[]): void }).sendToTab(f, a), [func, args] as const),
  };
}
