import type { Locator, Page } from 'playwright-core';
import { eventObjectKey } from '../../src/calendar/plan-events';
import type { PlenaryMeeting } from '../../src/domain/cohort';
import { openStore } from '../../src/store/open-store';
import { startLocalTab, type LocalTab } from '../support/local-tab';

const ADVISOR = 'signe.vestergaard@styrelsen.example.org';

interface MeetingRow {
  key: string;
  version: number;
  form: string;
  place: string | null;
  themes: string[];
  delivery: { state: string };
}

jest.setTimeout(60_000);

describe('the advisor’s meetings panel in Debian’s chromium, against the built server in local mode', () => {
  let local: LocalTab;
  let page: Page;

  beforeAll(async () => {
    local = await startLocalTab({ demo: true });
    page = await local.openAs(ADVISOR);
    await page.getByRole('button', { name: 'Åbn Demo: Organisering af M-ACT' }).click();
    await page.getByRole('table', { name: 'Møder', exact: true }).waitFor();
  });

  afterAll(async () => {
    await local?.close();
  });

  const meetings = async () => (await local.asUser<{ meetings: MeetingRow[] }>(ADVISOR, '/cohorts/demo')).json.meetings;
  const stored = async (key: string) => (await meetings()).find((m) => m.key === key)!;
  const row = (key: string) => page.getByRole('table', { name: 'Møder', exact: true }).locator(`tr[data-meeting="${key}"]`);

  it('changes the place of a meeting not yet booked, saying nobody is told yet', async () => {
    await expectVisible(page.getByText('Mødeserien er ikke booket endnu.', { exact: false }));
    await row('refleksion-2').getByRole('button', { name: /^Redigér/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Redigér Refleksionsmøde' });
    const notice = dialog.getByRole('region', { name: 'Hvem får besked' });
    await expectVisible(notice.getByText('Mødeserien er ikke booket i Outlook endnu, så ingen får besked om ændringen.'));
    const place = dialog.getByLabel('Sted');
    await place.fill('');
    // A physical meeting without a place cannot be saved.
    expect(await dialog.getByRole('button', { name: 'Gem ændringer' }).isDisabled()).toBe(true);
    await place.fill('Vejle Rådhus, Skolegade 1, 7100 Vejle');
    await dialog.getByLabel('Temaer (ét pr. linje)').fill('Faglig ledelse\n\nRekruttering af M-ACT-medarbejdere');
    await dialog.getByRole('button', { name: 'Gem ændringer' }).click();
    await expectVisible(page.getByText('Mødet er ændret.', { exact: false }));
    await expectVisible(row('refleksion-2').getByText('Vejle Rådhus, Skolegade 1, 7100 Vejle'));
    await expectVisible(row('refleksion-2').getByText('Faglig ledelse; Rekruttering af M-ACT-medarbejdere'));
    expect(await stored('refleksion-2')).toMatchObject({ version: 2, place: 'Vejle Rådhus, Skolegade 1, 7100 Vejle', themes: ['Faglig ledelse', 'Rekruttering af M-ACT-medarbejdere'] });
  });

  it('books the series from the panel: recorded, and honestly not sent in local mode', async () => {
    await page.getByRole('button', { name: 'Book i Outlook/Teams' }).click();
    await expectVisible(page.getByText('Mødeserien er booket.'));
    await expectVisible(page.getByText(`Booket fra ${ADVISOR}.`));
    await expectVisible(page.getByText('Ikke forbundet til Microsoft 365: bookingen er gemt, men invitationerne er ikke sendt.'));
    for (const key of ['opstart', 'refleksion-1', 'refleksion-2', 'refleksion-3', 'afslutning']) {
      await expectVisible(row(key).getByText('Ikke sendt: ikke forbundet til Microsoft 365'));
    }
    expect(await page.getByRole('button', { name: 'Book i Outlook/Teams' }).count()).toBe(0);
    expect((await meetings()).filter((m) => m.delivery).every((m) => m.delivery.state === 'not_connected')).toBe(true);
  });

  it('turns a virtual meeting physical, showing first who will be told', async () => {
    await row('refleksion-1').getByRole('button', { name: /^Redigér/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Redigér Refleksionsmøde' });
    const notice = dialog.getByRole('region', { name: 'Hvem får besked' });
    await expectVisible(notice.getByText('15 personer får ændringen i deres Outlook-kalender:'));
    const recipients = notice.getByRole('list', { name: 'Modtagere' }).getByRole('listitem');
    expect(await recipients.count()).toBe(15);
    expect(await recipients.allTextContents()).toEqual(expect.arrayContaining(['Birgitte Lund – Horsens Kommune', 'Signe Vestergaard – rådgiver', 'Morten Aagaard – rådgiver']));
    await expectVisible(notice.getByText('Ikke forbundet til Microsoft 365: ændringen gemmes, men der sendes intet.'));
    // Virtual: no place to give until the form is physical.
    expect(await dialog.getByLabel('Sted').count()).toBe(0);
    await dialog.getByRole('radio', { name: 'Fysisk' }).check();
    await expectVisible(dialog.getByText('Svar, der ikke passer til den nye form, nulstilles, så deltagerne bliver spurgt igen.'));
    await dialog.getByLabel('Sted').fill('Kolding Rådhus, Akseltorv 1, 6000 Kolding');
    await local.shot(page, 'advisor-meetings-notice.png');
    await dialog.getByRole('button', { name: 'Gem ændringer' }).click();
    await expectVisible(page.getByText('Mødet er ændret.', { exact: false }));
    await expectVisible(row('refleksion-1').getByText('Fysisk'));
    await expectVisible(row('refleksion-1').getByText('Kolding Rådhus, Akseltorv 1, 6000 Kolding'));
    expect(await stored('refleksion-1')).toMatchObject({ version: 3, form: 'physical', place: 'Kolding Rådhus, Akseltorv 1, 6000 Kolding' });
  });

  it('says a colleague changed the meeting meanwhile, and reloads on request', async () => {
    const { version } = await stored('refleksion-3');
    await row('refleksion-3').getByRole('button', { name: /^Redigér/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Redigér Refleksionsmøde' });
    const id = (await meetingId('refleksion-3'))!;
    const elsewhere = await local.asUser(ADVISOR, `/cohorts/demo/meetings/${id}/details`, {
      method: 'PUT',
      headers: { 'If-Match': `"${version}"` },
      body: { form: 'virtual', themes: ['Online denne gang'] },
    });
    expect(elsewhere.status).toBe(200);
    await dialog.getByLabel('Sted').fill('Horsens');
    await dialog.getByRole('button', { name: 'Gem ændringer' }).click();
    await expectVisible(dialog.getByText('Mødet er ændret af en anden i mellemtiden – indlæs igen.'));
    await dialog.getByRole('button', { name: 'Indlæs igen' }).click();
    await expectVisible(row('refleksion-3').getByText('Online denne gang'));
    expect(await stored('refleksion-3')).toMatchObject({ form: 'virtual', place: null });
  });

  it('shows a failed invitation with the reason and tries it again on request', async () => {
    await failInvitation('afslutning', 'ErrorAccessDenied: Access is denied. Check credentials and try again.');
    await page.reload();
    const failed = row('afslutning');
    await expectVisible(failed.getByText('Fejlede'));
    await expectVisible(failed.getByText('ErrorAccessDenied: Access is denied.', { exact: false }));
    await local.shot(page, 'advisor-meetings-failed.png');
    await failed.getByRole('button', { name: 'Prøv igen: Afslutningsmøde' }).click();
    await expectVisible(page.getByText('Én fejlet forsendelse prøves igen.'));
    // Nothing can send it here: after the retry it is honestly not sent, never "sent".
    await expectVisible(failed.getByText('Ikke sendt: ikke forbundet til Microsoft 365'));
    expect(await failed.getByRole('button', { name: /^Prøv igen/ }).count()).toBe(0);
    await local.shot(page, 'advisor-meetings.png');
  });

  async function meetingId(key: string): Promise<string | undefined> {
    return (await local.asUser<{ meetings: { id: string; key: string }[] }>(ADVISOR, '/cohorts/demo')).json.meetings.find((m) => m.key === key)?.id;
  }

  /** What the outbox records when Graph refuses an event for good, written beside the running server. */
  async function failInvitation(key: string, reason: string): Promise<void> {
    const store = await openStore({ databaseUrl: null, databaseFile: local.databaseFile });
    try {
      const { cohort } = (await store.cohorts.load('demo'))!;
      const meeting = cohort.meetings.find((m): m is PlenaryMeeting => m.key === key && m.kind === 'plenary')!;
      const objectKey = eventObjectKey(cohort, meeting, meeting.generation);
      await store.db.updateTable('outbox_objects').set({ failed_at: new Date().toISOString(), last_error: reason, attempts: 9 }).where('object_key', '=', objectKey).execute();
    } finally {
      await store.close();
    }
  }
});

async function expectVisible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
}
