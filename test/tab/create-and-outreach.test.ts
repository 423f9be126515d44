import { readFileSync } from 'node:fs';
import { startLocalTab, type LocalTab } from '../support/local-tab';

const ADVISOR = 'signe.vestergaard@styrelsen.example.org';

jest.setTimeout(60_000);

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('still not so after 10 s');
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** A Tuesday some ten weeks from now, as YYYY-MM-DD: a kick-off day the programme's own Thursday is not. */
function tuesdayAhead(): string {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 70 + ((2 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
}

describe('an advisor creates a cohort and works its outreach in Debian’s chromium, against the built server in local mode', () => {
  let local: LocalTab;

  beforeAll(async () => {
    // Booked in local mode: reminders by e-mail have an organiser's mailbox to wait in, and erasing meets booked meetings ahead.
    local = await startLocalTab({ demo: true, commands: [['book', 'demo', '--organizer', ADVISOR]] });
  });

  afterAll(async () => {
    await local?.close();
  });

  it('creates a cohort from the programme, its plenaries proposed from the kick-off chosen, and lands on its overview', async () => {
    const kickoff = tuesdayAhead();
    const page = await local.openAs(ADVISOR);
    await page.getByRole('button', { name: 'Nyt gruppeforløb' }).click();
    await page.getByRole('heading', { level: 2, name: 'Nyt gruppeforløb' }).waitFor();
    expect(page.url()).toBe(`${local.url}/tab/new-cohort`);

    await page.getByLabel('Gruppeforløbets navn').fill('M-ACT Syd');
    expect(await page.getByLabel('Program').locator('option:checked').textContent()).toBe('Gruppeforløb: Organisering af M-ACT');
    // A time typed by hand stays when the kick-off then changes; the dates follow the kick-off.
    await page.getByLabel('5. Afslutningsmøde: starttidspunkt').fill('10:00');
    await page.getByLabel('Dato for opstartsmødet').fill(kickoff);
    // The proposal comes from the server: the kick-off moves to the day chosen, the others follow.
    const opstartDate = page.getByLabel('1. Opstartsmøde: dato');
    await eventually(async () => (await opstartDate.inputValue()) === kickoff);
    expect(await page.getByLabel('1. Opstartsmøde: starttidspunkt').inputValue()).toBe('09:30');
    const closing = await page.getByLabel('5. Afslutningsmøde: dato').inputValue();
    expect(closing > kickoff).toBe(true);
    expect(await page.getByLabel('5. Afslutningsmøde: starttidspunkt').inputValue()).toBe('10:00');
    await local.shot(page, 'create-cohort.png');

    await page.getByRole('button', { name: 'Opret gruppeforløbet' }).click();
    await page.getByRole('heading', { level: 2, name: 'M-ACT Syd' }).waitFor();
    const id = /\/tab\/cohorts\/([^/]+)$/.exec(page.url())?.[1];
    expect(id).toBeDefined();
    await page.getByText('Signe Vestergaard, Specialkonsulent').waitFor();
    const opstart = page.getByRole('table', { name: 'Møder', exact: true }).locator('tr[data-meeting="opstart"]');
    await opstart.getByText('kl. 09:30–15:30').waitFor();

    const stored = (await local.asUser<{ meetings: { key: string; start?: string }[] }>(ADVISOR, `/cohorts/${id}`)).json;
    expect(stored.meetings.find((m) => m.key === 'opstart')?.start).toBe(`${kickoff}T09:30`);
    expect(stored.meetings.find((m) => m.key === 'afslutning')?.start?.slice(0, 10)).toBe(closing);

    await page.getByRole('button', { name: 'Tilbage' }).click();
    await page.getByRole('button', { name: 'Åbn M-ACT Syd' }).waitFor();
    await page.close();
  });

  it('shows the demo cohort’s reach in words, sends a reminder now saying how many were queued, and downloads the participant list', async () => {
    const page = await local.openAs(ADVISOR);
    await page.getByRole('button', { name: 'Åbn Demo: Organisering af M-ACT' }).click();
    await page.getByRole('tab', { name: 'Udsendelse' }).click();
    expect(page.url()).toBe(`${local.url}/tab/cohorts/demo/outreach`);

    const reach = page.getByRole('table', { name: 'Deltagerne og hvordan de nås' });
    const lone = reach.getByRole('row', { name: /Lone Bach/ });
    await lone.waitFor();
    expect(await lone.getByRole('cell').allTextContents()).toEqual(['Horsens Kommune', 'lone.bach@horsens.example.org', 'Ikke forbundet']);
    // Each way that occurs is explained once, with how many it reaches: here everyone, as nothing is connected.
    const participants = (await reach.getByRole('row').count()) - 1;
    expect(await page.getByRole('list', { name: 'Kanaler' }).getByRole('listitem').allTextContents()).toEqual([
      `Ikke forbundet: ${participants} – Lokal afprøvning: intet sendes til Microsoft 365, hverken chat eller e-mail.`,
    ]);

    const demo = (await local.asUser<{ meetings: { id: string; key: string }[] }>(ADVISOR, '/cohorts/demo')).json;
    await page.getByLabel('Møde', { exact: true }).selectOption(demo.meetings.find((m) => m.key === 'afslutning')!.id);
    await page.getByLabel('Påmindelse', { exact: true }).selectOption('rsvp');
    await page.getByRole('button', { name: 'Send påmindelsen nu' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'påmindelser er lagt i udbakken' });
    await sent.waitFor();
    expect(await sent.textContent()).toMatch(/^(\d+) af \1 påmindelser er lagt i udbakken\. Ikke forbundet til Microsoft 365: påmindelserne venter i udbakken og sendes ikke\.$/);
    await page.getByRole('button', { name: 'Send påmindelsen nu' }).click();
    await page.getByRole('status').filter({ hasText: /^0 af \d+ påmindelser er lagt i udbakken\. \d+ fik den allerede i dag/ }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent CSV-fil' }).click()]);
    expect(download.suggestedFilename()).toBe('deltagere-demo.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Kommune;Navn;Rolle;Tovholder\/leder;E-mail;Opstartsmøde \d{2}-\d{2}-\d{4};Refleksionsmøde/);
    expect(lines).toContain('Horsens Kommune;Lone Bach;Linjeleder;Ja;lone.bach@horsens.example.org;Kommer;Online;;;');
    await page.getByText('deltagere-demo.csv er hentet.').waitFor();
    await local.shot(page, 'outreach.png');
    await page.close();
  });

  it('names what erasing removes and keeps, and shows why it is refused while booked meetings lie ahead', async () => {
    const page = await local.openAs(ADVISOR);
    await page.goto(`${local.url}/tab/cohorts/demo/outreach`);
    await page.getByRole('button', { name: 'Slet persondata nu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Slet persondata i Demo: Organisering af M-ACT?' });
    await dialog.getByText('Det slettes: deltagernes navne, e-mailadresser').waitFor();
    await dialog.getByText('Det beholdes: kommunerne, møderne').waitFor();
    await dialog.getByRole('button', { name: 'Slet persondata' }).click();
    await dialog.getByRole('alert').getByText('Gruppeforløbet har bookede møder forude').waitFor();
    await dialog.getByRole('button', { name: 'Annullér' }).click();
    await page.getByRole('table', { name: 'Deltagerne og hvordan de nås' }).getByRole('row', { name: /Lone Bach/ }).waitFor();
    await page.close();
  });
});
