import type { Page } from 'playwright-core';
import { DEMO_COHORT_FILE as DEMO } from '../support/demo-moment';
import { startLocalTab, type LocalTab } from '../support/local-tab';

const ADVISOR = 'signe.vestergaard@styrelsen.example.org';
const PARTICIPANT = 'birgitte.lund@horsens.example.org';
const LEADER = 'lone.bach@horsens.example.org';

interface Headcount {
  key: string;
  version: number;
  start: string;
  attendance: { inPerson: number; online: number; declined: number; notAnswered: number };
}

jest.setTimeout(30_000);

describe('the tab in Debian’s chromium, against the built server in local mode', () => {
  let local: LocalTab;

  beforeAll(async () => {
    local = await startLocalTab({ demo: false });
  });

  afterAll(async () => {
    await local?.close();
  });

  const headcounts = async () => (await local.asUser<{ meetings: Headcount[] }>(ADVISOR, '/cohorts/demo/rsvp-matrix')).json.meetings;
  const meeting = async (key: string) => (await headcounts()).find((m) => m.key === key)!;

  it('in an empty installation says it runs locally, that there is nothing yet, and how to load the examples', async () => {
    const page = await local.browser.context.newPage();
    await page.goto(`${local.url}/tab/`);
    await page.getByRole('heading', { level: 1, name: 'Lokal afprøvning' }).waitFor();
    await expectVisible(page.getByText('ikke forbundet til Microsoft 365'));
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Ingen gruppeforløb endnu' }));
    await expectVisible(page.getByText('npm run cohort -- import examples/demo.cohort.json'));
    await page.close();
  });

  it('offers to load the example with one click in an empty installation, then the people to pick from', async () => {
    const other = await startLocalTab({ demo: false, browser: local.browser });
    try {
      const page = await local.browser.context.newPage();
      await page.goto(`${other.url}/tab/`);
      await page.getByRole('button', { name: 'Indlæs eksemplet' }).click();
      await page.getByLabel('Demobruger').waitFor();
      expect(await page.getByLabel('Demobruger').locator('option').count()).toBeGreaterThan(10);
      await page.close();
    } finally {
      await other.close();
    }
  });

  describe('with the demo cohort imported by the cohort command line', () => {
    beforeAll(async () => {
      const imported = await local.cli(['import', DEMO]);
      expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('id demo') });
      // Booked in local mode: the invitations wait in the outbox, visibly not sent.
      expect(await local.cli(['book', 'demo', '--organizer', ADVISOR])).toMatchObject({ code: 0 });
    });

    it('offers the demo users by name, role and municipality, and remembers the choice in this browser tab', async () => {
      const page = await local.browser.context.newPage();
      await page.goto(`${local.url}/tab/`);
      await page.getByLabel('Demobruger').waitFor();
      const options = await page.getByLabel('Demobruger').locator('option').allTextContents();
      expect(options).toEqual(expect.arrayContaining(['Signe Vestergaard – rådgiver', 'Lone Bach – leder/tovholder, Horsens Kommune', 'Birgitte Lund – deltager, Horsens Kommune']));
      await page.getByLabel('Demobruger').selectOption(PARTICIPANT);
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      await page.getByRole('heading', { level: 2, name: 'Mit forløb' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Mit forløb' }).waitFor();
      expect(await page.evaluate("sessionStorage.getItem('gruppeforloeb.demoUser')")).toBe(PARTICIPANT);
      await page.getByRole('button', { name: 'Skift bruger' }).click();
      await page.getByLabel('Demobruger').waitFor();
      await page.close();
    });

    it('shows a participant their coming meetings and records their answer, which the advisors’ matrix and head-count then show', async () => {
      const before = await meeting('opstart');
      const page = await local.openAs(PARTICIPANT);
      const opstart = page.getByRole('region', { name: 'Opstartsmøde' });
      await expectVisible(opstart.getByText('torsdag den 17. december 2026, kl. 09:30–15:30'));
      await expectVisible(opstart.getByText('Sted: Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C'));
      await expectVisible(opstart.getByText('Du har ikke svaret endnu.'));
      // A virtual meeting offers the online answer; an answer given before it moved asks for a new one.
      const refleksion = page.getByRole('region', { name: 'Refleksionsmøde' }).first();
      await expectVisible(refleksion.getByText('Dit svar gjaldt den tidligere dato (tirsdag den 12. januar 2027, kl. 09:00). Svar igen for den nye dato.'));
      await expectVisible(refleksion.getByRole('radio', { name: 'Jeg deltager online' }));

      await opstart.getByRole('radio', { name: 'Jeg kommer', exact: true }).check();
      await opstart.getByLabel('Kostbehov eller allergier (valgfrit)').fill('Laktosefri');
      await opstart.getByRole('button', { name: 'Gem svar' }).click();
      await expectVisible(opstart.getByText('Dit svar er gemt.'));
      await expectVisible(opstart.getByText('Mit svar: Jeg kommer'));
      await local.shot(page, 'tab-participant.png');
      await page.close();

      const after = await meeting('opstart');
      expect(after.attendance.inPerson).toBe(before.attendance.inPerson + 1);
      expect(after.attendance.notAnswered).toBe(before.attendance.notAnswered - 1);

      const advisor = await local.openAs(ADVISOR);
      await advisor.goto(`${local.url}/tab/cohorts/demo/rsvp`);
      const matrix = advisor.getByRole('table', { name: 'Tilmeldinger', exact: true });
      const row = matrix.getByRole('row', { name: /Birgitte Lund/ });
      await row.waitFor();
      expect(await row.getByRole('cell').allTextContents()).toEqual(['Horsens Kommune', 'Kommer', 'Online(svar til tidligere dato)', '—', '—', '—']);
      const counts = advisor.getByRole('table', { name: 'Antal', exact: true }).locator('tr[data-meeting="opstart"]');
      expect(await counts.locator('[data-count="inPerson"]').textContent()).toBe(String(after.attendance.inPerson));
      const catering = advisor.getByRole('region', { name: /^Forplejning: Opstartsmøde/ });
      await expectVisible(catering.getByRole('row', { name: /Birgitte Lund Horsens Kommune Laktosefri/ }));
      await expectVisible(catering.getByText('frist for forplejning', { exact: false }).or(catering.getByText('Frist for forplejning', { exact: false })));
      await local.shot(advisor, 'tab-rsvp-matrix.png');
      await advisor.close();
    });

    it("lets the participant report their municipality's presentation", async () => {
      const page = await local.openAs(PARTICIPANT);
      const task = page.getByRole('region', { name: 'Refleksionsmøde' }).nth(1).getByRole('group', { name: 'Oplæg fra Horsens Kommune' });
      await expectVisible(task.getByText('Status: Ikke startet'));
      await task.getByLabel('Link til oplægget (https, valgfrit)').fill('https://example.org/horsens.pdf');
      await task.getByRole('button', { name: 'Oplægget er klar' }).click();
      await expectVisible(task.getByText('Status: Oplægget er klar'));
      await expectVisible(task.getByRole('link', { name: 'Link' }));
      await page.close();
    });

    it('shows a leader what a participant sees, plus the municipality’s individual meetings', async () => {
      const page = await local.openAs(LEADER);
      await page.getByRole('heading', { level: 2, name: 'Mit forløb' }).waitFor();
      await expectVisible(page.getByRole('heading', { level: 2, name: 'Kommunens individuelle møder' }));
      await expectVisible(page.getByRole('region', { name: 'Forberedende individuelt møde – Horsens Kommune' }).getByText('Ikke booket endnu.'));
      await page.close();
      const participant = await local.openAs(PARTICIPANT);
      await participant.getByRole('region', { name: 'Opstartsmøde' }).waitFor();
      expect(await participant.getByRole('heading', { name: 'Kommunens individuelle møder' }).count()).toBe(0);
      await participant.close();
    });

    it('lets an advisor open the cohort overview and move a plenary: the meeting shows its new date', async () => {
      const page = await local.openAs(ADVISOR);
      await page.getByRole('button', { name: 'Åbn Demo: Organisering af M-ACT' }).click();
      await page.getByRole('heading', { level: 2, name: 'Demo: Organisering af M-ACT' }).waitFor();
      expect(page.url()).toBe(`${local.url}/tab/cohorts/demo`);
      const table = page.getByRole('table', { name: 'Møder', exact: true });
      const row = table.locator('tr[data-meeting="refleksion-2"]');
      await expectVisible(row.getByText('onsdag den 14. april 2027, kl. 09:30–15:30'));
      await expectVisible(row.getByText('Ikke sendt: ikke forbundet til Microsoft 365'));
      await local.shot(page, 'tab-advisor-overview.png');

      await row.getByRole('button', { name: /^Flyt/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Flyt Refleksionsmøde' });
      await dialog.getByLabel('Ny dato').fill('2027-04-21');
      await dialog.getByLabel('Nyt starttidspunkt').fill('10:00');
      await dialog.getByRole('button', { name: 'Flyt mødet' }).click();
      await expectVisible(page.getByText('Mødet er flyttet.'));
      await expectVisible(row.getByText('onsdag den 21. april 2027, kl. 10:00–16:00'));
      expect(await meeting('refleksion-2')).toMatchObject({ version: 2, start: '2027-04-21T10:00' });
      await page.close();
    });

    it('refuses a move made on a version someone else has changed meanwhile, and reloads on request', async () => {
      const page = await local.openAs(ADVISOR);
      await page.goto(`${local.url}/tab/cohorts/demo`);
      const row = page.getByRole('table', { name: 'Møder', exact: true }).locator('tr[data-meeting="refleksion-3"]');
      await row.getByRole('button', { name: /^Flyt/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Flyt Refleksionsmøde' });
      const { id, version } = await (async () => {
        const cohort = (await local.asUser<{ meetings: { id: string; key: string; version: number }[] }>(ADVISOR, '/cohorts/demo')).json;
        return cohort.meetings.find((m) => m.key === 'refleksion-3')!;
      })();
      const elsewhere = await local.asUser(ADVISOR, `/cohorts/demo/meetings/${id}`, { method: 'PUT', body: { start: '2027-05-12T09:30' }, headers: { 'If-Match': `"${version}"` } });
      expect(elsewhere.status).toBe(200);

      await dialog.getByLabel('Ny dato').fill('2027-05-18');
      await dialog.getByRole('button', { name: 'Flyt mødet' }).click();
      await expectVisible(dialog.getByText('Mødet er ændret af en anden i mellemtiden – indlæs igen.'));
      await dialog.getByRole('button', { name: 'Indlæs igen' }).click();
      await expectVisible(row.getByText('onsdag den 12. maj 2027, kl. 09:30–15:30'));
      expect(await meeting('refleksion-3')).toMatchObject({ start: '2027-05-12T09:30' });
      await page.close();
    });

    it('renders the dark theme when the browser prefers it', async () => {
      const page = await local.openAs(ADVISOR, { dark: true });
      await page.goto(`${local.url}/tab/cohorts/demo`);
      await page.getByRole('table', { name: 'Møder', exact: true }).waitFor();
      const provider = page.locator('[data-theme]').first();
      expect(await provider.getAttribute('data-theme')).toBe('dark');
      // Runs in the page, where getComputedStyle exists; the test's own types know no DOM.
      const background = await provider.evaluate((element) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(element).backgroundColor);
      expect(background).toMatch(/^rgba?\(/);
      expect(luminance(background)).toBeLessThan(0.2);
      await local.shot(page, 'tab-dark-theme.png');
      await page.close();
    });
  });
});

async function expectVisible(locator: ReturnType<Page['getByText']>): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** Relative luminance of a CSS rgb()/rgba() colour, 0 (black) to 1 (white). */
function luminance(css: string): number {
  const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
