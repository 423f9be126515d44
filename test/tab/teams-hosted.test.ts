import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { signInFor } from '../../src/server/tab-auth/sign-in-for';
import { launchChromium, SCREENSHOTS, type Browser } from '../support/browser';
import { engines, useStore } from '../support/engines';
import { EntraKeysServer } from '../support/entra-tokens/keys-server';
import { signed, userClaims, type TokenTarget, type TokenUser } from '../support/entra-tokens/tokens';
import { tempDir } from '../support/http';
import { assertTabBuilt } from '../support/local-tab';
import { sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { openInTeamsHost, type HostContext, type TokenAnswer } from '../support/teams-host-double/teams-host';
import { testClock } from '../support/test-clock';

const TENANT = randomUUID();
const CLIENT = randomUUID();
const clock = testClock('2023-04-01T08:00:00.000Z');
const nowSeconds = () => Math.floor(Date.parse(clock.now()) / 1000);

jest.setTimeout(30_000);

describe('the tab inside a Teams host, signed in with Teams SSO against a tenant', () => {
  const fixture = useStore(engines()[0]!);
  let keys: EntraKeysServer;
  let tab: TabServer;
  let browser: Browser;
  let target: TokenTarget;
  let advisor: TokenUser & { oid: string; username: string };
  let cohortName: string;

  beforeAll(async () => {
    assertTabBuilt();
    keys = await EntraKeysServer.start(TENANT);
    const config = loadConfig(
      { AAD_APP_TENANT_ID: TENANT, AAD_APP_CLIENT_ID: CLIENT, AAD_APP_CLIENT_SECRET: 'client-secret', LINK_SECRET: 'x'.repeat(32), AAD_APP_OAUTH_AUTHORITY_HOST: keys.authorityHost },
      tempDir(),
    );
    if (config.mode.kind !== 'tenant') throw new Error('tenant mode expected');
    target = { tenantId: TENANT, clientId: CLIENT, authorityHost: keys.authorityHost, appIdUri: `api://tab.example.org/${CLIENT}` };
    tab = await startTabServer(config, fixture.store, clock, signInFor(config.mode, clock, { ca: keys.ca }));
    const cohort = (await fixture.store.cohorts.create(sampleCohort())).cohort;
    const person = cohort.advisors[0]!;
    advisor = { oid: person.entraObjectId!, username: person.email, name: person.name };
    cohortName = cohort.name;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await tab?.server.close();
    await keys?.close();
  });

  const hostContext = (overrides: Partial<HostContext> = {}): HostContext => ({
    locale: 'da-dk',
    theme: 'default',
    frameContext: 'content',
    userObjectId: advisor.oid,
    userPrincipalName: advisor.username,
    tid: TENANT,
    ...overrides,
  });
  const issue = (version: 1 | 2) => (): TokenAnswer => ({ ok: true, token: signed(userClaims(target, version, advisor, nowSeconds()), keys.current) });

  it.each([1, 2] as const)('shows an advisor their cohorts with a v%s token from Teams, with no local-mode picker', async (version) => {
    const host = await openInTeamsHost(browser.context, tab.server.url, '/tab/', hostContext(), issue(version));
    await host.tab.getByRole('heading', { level: 1, name: /Gruppeforløb · Rikke Rådgiver/ }).waitFor();
    await host.tab.getByRole('button', { name: `Åbn ${cohortName}` }).waitFor();
    expect(await host.tab.getByText('Lokal afprøvning').count()).toBe(0);
    const funcs = (await host.calls()).map((c) => c.func);
    expect(funcs).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    await host.page.screenshot({ path: join(SCREENSHOTS, `teams-hosted-advisor-v${version}.png`) });
    await host.page.close();
  });

  it('speaks English when Teams’ locale is English, and follows a theme change from Teams at once', async () => {
    const host = await openInTeamsHost(browser.context, tab.server.url, '/tab/', hostContext({ locale: 'en-gb' }), issue(2));
    await host.tab.getByRole('heading', { name: 'My group programmes' }).waitFor();
    expect(await host.tab.locator('html').getAttribute('lang')).toBe('en');
    expect(await host.tab.locator('[data-theme]').first().getAttribute('data-theme')).toBe('default');

    await host.send('themeChange', ['dark']);
    await host.tab.locator('[data-theme="dark"]').first().waitFor();
    await host.send('themeChange', ['contrast']);
    await host.tab.locator('[data-theme="contrast"]').first().waitFor();
    await host.page.screenshot({ path: join(SCREENSHOTS, 'teams-hosted-contrast.png') });
    await host.page.close();
  });

  it('says plainly that sign-in through Teams failed when Teams gives no token, and shows no data', async () => {
    const host = await openInTeamsHost(browser.context, tab.server.url, '/tab/', hostContext(), () => ({ ok: false, reason: 'resourceRequiresConsent' }));
    await host.tab.getByText('Du kunne ikke logges ind via Teams.').waitFor();
    expect(await host.tab.getByText(cohortName).count()).toBe(0);
    await host.page.close();
  });

  it('refuses a token Teams got for another tenant: the page shows the refusal, not the cohort', async () => {
    const foreign = () => ({ ok: true as const, token: signed(userClaims({ ...target, tenantId: randomUUID() }, 2, advisor, nowSeconds()), keys.current) });
    const host = await openInTeamsHost(browser.context, tab.server.url, '/tab/', hostContext(), foreign);
    await host.tab.getByRole('alert').waitFor();
    expect(await host.tab.getByText(cohortName).count()).toBe(0);
    await host.page.close();
  });
});
