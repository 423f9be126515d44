import type { Page } from 'playwright-core';
import { startLocalTab, type LocalTab } from '../support/local-tab';

const ADVISOR = 'signe.vestergaard@styrelsen.example.org';
const LEADER = 'tina.frost@naestved.example.org';

interface Municipality {
  id: string;
  name: string;
  version: string;
  registration: { preparatoryDay: string; timeOfDay: string } | null;
  participants: { id: string; name: string; email: string; phone: string | null; role: string; contact: boolean }[];
}

jest.setTimeout(60_000);

describe('advisors edit the municipalities and leaders register theirs, in Debian’s chromium against the built server', () => {
  let local: LocalTab;

  beforeAll(async () => {
    local = await startLocalTab({ demo: true });
  });

  afterAll(async () => {
    await local?.close();
  });

  /** What the advisors' API says now, to check the page against. */
  async function municipalities(): Promise<Municipality[]> {
    return (await local.asUser<{ municipalities: Municipality[] }>(ADVISOR, '/cohorts/demo')).json.municipalities;
  }

  async function openMunicipalities(): Promise<Page> {
    const page = await local.openAs(ADVISOR);
    await page.getByRole('button', { name: 'Åbn Demo: Organisering af M-ACT' }).click();
    await page.getByRole('tab', { name: 'Kommuner' }).click();
    await visible(page.getByText('5 kommuner. Et gruppeforløb har 3–6 kommuner.').or(page.getByText('6 kommuner. Et gruppeforløb har 3–6 kommuner.')));
    return page;
  }

  it('lets an advisor add a sixth municipality and a participant, says when there is no room for more, and refuses an address already in the cohort', async () => {
    const page = await openMunicipalities();
    await visible(page.getByText('5 kommuner. Et gruppeforløb har 3–6 kommuner.'));

    await page.getByRole('button', { name: 'Tilføj kommune' }).click();
    const add = page.getByRole('dialog', { name: 'Tilføj kommune' });
    await add.getByLabel('Kommunens navn').fill('Vejle Kommune');
    await add.getByLabel(/^Navn/).fill('Vera Vinther');
    await add.getByLabel('E-mail').fill('vera.vinther@vejle.example.org');
    expect(await add.getByRole('checkbox', { name: 'Tovholder/leder for kommunen' }).isChecked()).toBe(true);
    await add.getByRole('button', { name: 'Tilføj kommune' }).click();
    await visible(page.getByText('Vejle Kommune er tilføjet.'));
    await visible(page.getByText('6 kommuner. Et gruppeforløb har 3–6 kommuner.'));
    await visible(page.getByText('Der er 6 kommuner, det højeste antal. Fjern en kommune, før du tilføjer en ny.'));

    const vejle = page.getByRole('region', { name: 'Vejle Kommune' });
    await vejle.getByRole('button', { name: 'Tilføj deltager i Vejle Kommune' }).click();
    const person = page.getByRole('dialog', { name: 'Tilføj deltager i Vejle Kommune' });
    await person.getByLabel(/^Navn/).fill('Viggo Vang');
    // An address Horsens already has: the server's own words, and the dialog keeps what was typed.
    await person.getByLabel('E-mail').fill('LONE.BACH@horsens.example.org');
    await person.getByLabel('Rolle').selectOption({ label: 'Kommende M-ACT-koordinator' });
    await person.getByRole('button', { name: 'Gem' }).click();
    await visible(person.getByRole('alert').getByText('E-mailadressen LONE.BACH@horsens.example.org findes allerede i gruppeforløbet.', { exact: false }).or(
      person.getByRole('alert').getByText('E-mailadressen lone.bach@horsens.example.org findes allerede i gruppeforløbet.', { exact: false }),
    ));
    await person.getByLabel('E-mail').fill('viggo.vang@vejle.example.org');
    await person.getByRole('button', { name: 'Gem' }).click();
    await visible(vejle.getByRole('row', { name: /Viggo Vang Kommende M-ACT-koordinator viggo\.vang@vejle\.example\.org/ }));

    const stored = (await municipalities()).find((m) => m.name === 'Vejle Kommune');
    expect(stored?.participants).toEqual([
      { id: expect.any(String), name: 'Vera Vinther', email: 'vera.vinther@vejle.example.org', phone: null, role: 'line_leader', contact: true },
      { id: expect.any(String), name: 'Viggo Vang', email: 'viggo.vang@vejle.example.org', phone: null, role: 'mact_coordinator', contact: false },
    ]);
    await page.close();
  });

  it('lets a leader register the municipality from "Mit forløb": contacts, participants and the wish, which the advisor’s panel then shows', async () => {
    const page = await local.openAs(LEADER);
    const entry = page.getByRole('region', { name: 'Kommunens tilmelding' });
    await visible(entry.getByText('Ikke tilmeldt endnu'));
    await entry.getByRole('button', { name: 'Tilmeld Næstved Kommune' }).click();

    const form = page.getByRole('form', { name: 'Tilmelding: Næstved Kommune' });
    await visible(form);
    const tina = form.getByRole('group', { name: 'Deltager 1: Tina Frost' });
    await tina.getByLabel('Telefon (valgfrit)').fill('+45 55 55 55 55');
    // Mikkel becomes a second leader contact.
    await form.getByRole('group', { name: 'Deltager 2: Mikkel Skov' }).getByRole('checkbox', { name: 'Tovholder/leder for kommunen' }).check();
    await form.getByRole('button', { name: 'Tilføj en person' }).click();
    const newcomer = form.getByRole('group', { name: /^Deltager 3/ });
    // An address the browser lets through but a cohort document could not hold: the server names the field and says why.
    await newcomer.getByLabel('E-mail').fill('nanna.noer@naestved');
    await newcomer.getByLabel('Rolle').selectOption({ label: 'Projektleder' });
    await newcomer.getByLabel(/^Navn/).fill('Nanna Noer');
    await visible(form.getByRole('group', { name: 'Deltager 3: Nanna Noer' }));

    await form.getByRole('radiogroup', { name: /^Dag/ }).getByRole('radio').first().check();
    await form.getByRole('radiogroup', { name: /^Tidspunkt på dagen/ }).getByRole('radio', { name: 'eftermiddag' }).check();
    await form.getByRole('button', { name: 'Gem tilmeldingen' }).click();
    await visible(form.getByRole('alert').getByText('Serveren afviste disse felter: participants.2.email: Ugyldig e-mailadresse'));
    await newcomer.getByLabel('E-mail').fill('nanna.noer@naestved.example.org');
    await form.getByRole('button', { name: 'Gem tilmeldingen' }).click();
    await visible(form.getByText('Tilmeldingen er gemt, og rådgiverne kan se den.'));
    await local.shot(page, 'leader-registration.png');

    const naestved = (await municipalities()).find((m) => m.name === 'Næstved Kommune')!;
    expect(naestved.registration).toMatchObject({ timeOfDay: 'afternoon' });
    expect(naestved.participants.map((p) => [p.name, p.role, p.contact, p.phone])).toEqual([
      ['Tina Frost', 'line_leader', true, '+45 55 55 55 55'],
      ['Mikkel Skov', 'mact_coordinator', true, null],
      ['Nanna Noer', 'project_leader', false, null],
    ]);

    // Back on "Mit forløb", the municipality shows as registered.
    await page.getByRole('button', { name: 'Tilbage' }).click();
    await visible(page.getByRole('region', { name: 'Kommunens tilmelding' }).getByText('Ønsker forberedende møde', { exact: false }));
    await page.close();

    const advisor = await openMunicipalities();
    const region = advisor.getByRole('region', { name: 'Næstved Kommune' });
    await visible(region.getByText(/Tilmelding: Ønsker forberedende møde .*, eftermiddag/));
    await visible(region.getByRole('row', { name: /Nanna Noer Projektleder nanna\.noer@naestved\.example\.org/ }));
    await visible(region.getByRole('row', { name: /Mikkel Skov .* Ja/ }));
    await region.scrollIntoViewIfNeeded();
    await local.shot(advisor, 'advisor-municipalities.png');
    await advisor.close();
  });

  it('refuses a registration read before an advisor added someone, offers a reload, and then keeps that person', async () => {
    const page = await local.openAs(LEADER);
    await page.getByRole('region', { name: 'Kommunens tilmelding' }).getByRole('button', { name: 'Ret tilmeldingen af Næstved Kommune' }).click();
    const form = page.getByRole('form', { name: 'Tilmelding: Næstved Kommune' });
    await visible(form.getByRole('group', { name: 'Deltager 3: Nanna Noer' }));

    // Meanwhile an advisor adds Ole, whom the open form has never shown.
    const naestved = (await municipalities()).find((m) => m.name === 'Næstved Kommune')!;
    const added = await local.asUser(ADVISOR, `/cohorts/demo/municipalities/${encodeURIComponent(naestved.id)}/participants`, {
      method: 'POST',
      body: { name: 'Ole Olsen', email: 'ole.olsen@naestved.example.org', role: 'consultant', contact: false },
    });
    expect(added.status).toBe(201);

    // Removing Nanna on the form says plainly that her answers go with her.
    await form.getByRole('button', { name: 'Fjern Nanna Noer' }).click();
    await visible(form.getByText('Når du gemmer, fjernes Nanna Noer fra gruppeforløbet, og deres svar på invitationer slettes.'));
    await form.getByRole('button', { name: 'Gem tilmeldingen' }).click();
    const stale = form.getByRole('alert');
    await visible(stale.getByText('Tilmeldingen er ændret af en anden i mellemtiden.', { exact: false }));
    expect((await municipalities()).find((m) => m.name === 'Næstved Kommune')!.participants.map((p) => p.name)).toEqual(['Tina Frost', 'Mikkel Skov', 'Nanna Noer', 'Ole Olsen']);
    await local.shot(page, 'leader-registration-stale.png');

    await stale.getByRole('button', { name: 'Indlæs igen' }).click();
    await visible(form.getByRole('group', { name: 'Deltager 4: Ole Olsen' }));
    await form.getByRole('button', { name: 'Gem tilmeldingen' }).click();
    await visible(form.getByText('Tilmeldingen er gemt, og rådgiverne kan se den.'));
    expect((await municipalities()).find((m) => m.name === 'Næstved Kommune')!.participants.map((p) => p.name)).toEqual(['Tina Frost', 'Mikkel Skov', 'Nanna Noer', 'Ole Olsen']);
    await page.close();
  });

  it('refuses an advisor’s change to a participant a colleague changed meanwhile, and reloads the municipality', async () => {
    const page = await openMunicipalities();
    const region = page.getByRole('region', { name: 'Næstved Kommune' });
    await region.getByRole('button', { name: 'Ret Ole Olsen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ret Ole Olsen' });
    await dialog.getByLabel('Telefon (valgfrit)').fill('+45 44 44 44 44');

    // A colleague renames the municipality's contact in the meantime, with the version they read.
    const naestved = (await municipalities()).find((m) => m.name === 'Næstved Kommune')!;
    const { id: tina, ...details } = naestved.participants.find((p) => p.name === 'Tina Frost')!;
    const colleague = await local.asUser(ADVISOR, `/cohorts/demo/municipalities/${encodeURIComponent(naestved.id)}/participants/${encodeURIComponent(tina)}`, {
      method: 'PUT',
      headers: { 'If-Match': `"${naestved.version}"` },
      body: { ...details, name: 'Tina Frost Hansen' },
    });
    expect(colleague.status).toBe(200);

    await dialog.getByRole('button', { name: 'Gem' }).click();
    const stale = dialog.getByRole('alert');
    await visible(stale.getByText('Kommunen er ændret af en anden i mellemtiden – indlæs igen.'));
    await stale.getByRole('button', { name: 'Indlæs igen' }).click();
    await visible(region.getByRole('row', { name: /Tina Frost Hansen/ }));
    expect((await municipalities()).find((m) => m.name === 'Næstved Kommune')!.participants.find((p) => p.name === 'Ole Olsen')!.phone).toBeNull();

    // Removing a municipality says plainly what goes with it.
    await page.getByRole('button', { name: 'Fjern Næstved Kommune' }).click();
    await visible(page.getByRole('dialog', { name: 'Fjern Næstved Kommune' }).getByText('Deres svar på invitationer og kommunens status for oplæg slettes også.', { exact: false }));
    await page.getByRole('dialog', { name: 'Fjern Næstved Kommune' }).getByRole('button', { name: 'Annullér' }).click();
    await page.close();
  });

  it('does not let a participant open another municipality’s registration', async () => {
    const page = await local.openAs('birgitte.lund@horsens.example.org');
    await visible(page.getByRole('heading', { level: 2, name: 'Mit forløb' }));
    await expect(page.getByRole('region', { name: 'Kommunens tilmelding' }).count()).resolves.toBe(0);
    const naestvedId = (await local.asUser<{ municipalities: { id: string; name: string }[] }>(ADVISOR, '/cohorts/demo')).json
      .municipalities.find((m) => m.name === 'Næstved Kommune')!.id;
    await page.goto(`${local.url}/tab/cohorts/demo/municipalities/${encodeURIComponent(naestvedId)}/registration`);
    await visible(page.getByRole('alert').getByText('Kun kommunens tovholder (eller en rådgiver) kan tilmelde kommunen.', { exact: false }));
    await page.close();
  });
});

async function visible(locator: ReturnType<Page['getByText']>): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
}
