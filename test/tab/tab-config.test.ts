import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { signInFor } from '../../src/server/tab-auth/sign-in-for';
import { launchChromium, SCREENSHOTS, type Browser } from '../support/browser';
import { engines, useStore } from '../support/engines';
import { EntraKeysServer } from '../support/entra-tokens/keys-server';
import { signed, userClaims, type TokenTarget } from '../support/entra-tokens/tokens';
import { tempDir } from '../support/http';
import { assertTabBuilt, startLocalTab, type LocalTab } from '../support/local-tab';
import { sampleCohort } from '../support/sample-cohort';
import { startTabServer, type TabServer } from '../support/tab-server';
import { openInTeamsHost } from '../support/teams-host-double/teams-host';
import { testClock } from '../support/test-clock';

jest.setTimeout(30_000);

describe('the team tab’s configuration page (/tab/config) opened in a plain browser', () => {
  let local: LocalTab;

  beforeAll(async () => {
    local = await startLocalTab({ demo: false, localNow: null });
  });

  afterAll(async () => {
    await local?.close();
  });

  it('says it is for adding the tab in a Teams team, how to get there, and leads on to the app by keyboard', async () => {
    const page = await local.browser.context.newPage();
    await page.goto(`${local.url}/tab/config`);
    await page.getByRole('heading', { level: 1, name: 'Forløbsoverblik' }).waitFor();
    await page.getByText('Denne side bruges, når fanen Forløbsoverblik tilføjes i et team eller en gruppechat i Microsoft Teams.').waitFor();
    await page.getByText('I Teams: åbn kanalen eller chatten, vælg + (Tilføj en fane), og vælg Gruppeforløb.').waitFor();
    // Nothing to configure here, so no sign-in is asked for.
    expect(await page.getByLabel('Demobruger').count()).toBe(0);
    await local.shot(page, 'tab-config-outside-teams.png');

    const link = page.getByRole('link', { name: 'Åbn Gruppeforløb her' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Lokal afprøvning' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tab/');
    await page.close();
  });

  it('says the same in English', async () => {
    const page = await local.browser.context.newPage();
    await page.goto(`${local.url}/tab/config?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Cohort overview' }).waitFor();
    await page.getByText('This page is used when the Cohort overview tab is added to a team or a group chat in Microsoft Teams.').waitFor();
    await page.close();
  });
});

describe('the team tab’s configuration page inside Teams, signed in with Teams SSO', () => {
  const fixture = useStore(engines()[0]!);
  const tenant = randomUUID();
  const client = randomUUID();
  const clock = testClock('2023-04-01T08:00:00.000Z');
  let keys: EntraKeysServer;
  let tab: TabServer;
  let browser: Browser;
  let target: TokenTarget;

  beforeAll(async () => {
    assertTabBuilt();
    keys = await EntraKeysServer.start(tenant);
    const config = loadConfig(
      { AAD_APP_TENANT_ID: tenant, AAD_APP_CLIENT_ID: client, AAD_APP_CLIENT_SECRET: 'client-secret', LINK_SECRET: 'x'.repeat(32), AAD_APP_OAUTH_AUTHORITY_HOST: keys.authorityHost },
      tempDir(),
    );
    if (config.mode.kind !== 'tenant') throw new Error('tenant mode expected');
    target = { tenantId: tenant, clientId: client, authorityHost: keys.authorityHost, appIdUri: `api://tab.example.org/${client}` };
    tab = await startTabServer(config, fixture.store, clock, signInFor(config.mode, clock, { ca: keys.ca }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await tab?.server.close();
    await keys?.close();
  });

  it('offers the advisor their cohort, and Save gives Teams the tab that opens its overview', async () => {
    const cohort = (await fixture.store.cohorts.create(sampleCohort())).cohort;
    const person = cohort.advisors[0]!;
    const advisor = { oid: person.entraObjectId!, username: person.email, name: person.name };
    const issue = () => ({ ok: true as const, token: signed(userClaims(target, 2, advisor, Math.floor(Date.parse(clock.now()) / 1000)), keys.current) });
    const host = await openInTeamsHost(
      browser.context,
      tab.server.url,
      '/tab/config',
      { locale: 'da-dk', theme: 'default', frameContext: 'settings', userObjectId: advisor.oid, userPrincipalName: advisor.username, tid: tenant, teamName: 'Gruppeforløb', channelId: '19:general' },
      issue,
    );
    await host.tab.getByRole('heading', { level: 1, name: 'Forløbsoverblik' }).waitFor();
    // Their one cohort is chosen already: Save is all that is left to do.
    expect(await host.tab.getByRole('radio', { name: cohort.name }).isChecked()).toBe(true);
    await host.tab.getByText(`Vælg Gem for at tilføje fanen "Forløbsoverblik – ${cohort.name}".`).waitFor();
    const validity = (await host.calls()).filter((c) => c.func === 'settings.setValidityState');
    expect(validity.at(-1)?.args).toEqual([true]);

    await host.send('settings.save', [{}]);
    const url = `${tab.server.url}/tab/cohorts/${encodeURIComponent(cohort.id)}`;
    const saved = async () => (await host.calls()).find((c) => c.func === 'settings.setSettings');
    for (const deadline = Date.now() + 5_000; !(await saved()) && Date.now() < deadline; ) await new Promise((wait) => setTimeout(wait, 50));
    expect((await saved())?.args).toEqual([{ entityId: cohort.id, contentUrl: url, websiteUrl: url, suggestedDisplayName: `Forløbsoverblik – ${cohort.name}` }]);
    await host.page.screenshot({ path: join(SCREENSHOTS, 'tab-config-in-teams.png') });
    await host.page.close();
  });
});
