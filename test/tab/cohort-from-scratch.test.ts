import type { Locator, Page } from 'playwright-core';
import { startLocalTab, type LocalTab } from '../support/local-tab';

/** The demo cohort's advisor: once the example is loaded, the one who may create cohorts. */
const ADVISOR = 'signe.vestergaard@styrelsen.example.org';
const COHORT = 'M-ACT Midtjylland';

interface Person {
  name: string;
  email: string;
  role: string;
}

/** The three municipalities the advisor adds, each with its first leader contact and one participant more. */
const MUNICIPALITIES: { name: string; leader: Person; participant: Person }[] = [
  {
    name: 'Aarhus Kommune',
    leader: { name: 'Anne Aagaard', email: 'anne.aagaard@aarhus.example.org', role: 'Linjeleder' },
    participant: { name: 'Bo Bisgaard', email: 'bo.bisgaard@aarhus.example.org', role: 'Kommende M-ACT-koordinator' },
  },
  {
    name: 'Randers Kommune',
    leader: { name: 'Rikke Ravn', email: 'rikke.ravn@randers.example.org', role: 'Faglig leder' },
    participant: { name: 'Søren Sand', email: 'soeren.sand@randers.example.org', role: 'Konsulent' },
  },
  {
    name: 'Viborg Kommune',
    leader: { name: 'Vibeke Vang', email: 'vibeke.vang@viborg.example.org', role: 'Linjeleder' },
    participant: { name: 'Ulrik Ulv', email: 'ulrik.ulv@viborg.example.org', role: 'Projektleder' },
  },
];
const [AARHUS, RANDERS, VIBORG] = MUNICIPALITIES as [(typeof MUNICIPALITIES)[number], (typeof MUNICIPALITIES)[number], (typeof MUNICIPALITIES)[number]];
/** Whom the leader adds when registering Aarhus. */
const NEWCOMER: Person = { name: 'Nanna Nørgaard', email: 'nanna.noergaard@aarhus.example.org', role: 'Projektleder' };
const DIETARY_NOTE = 'Glutenfri';

interface Attendance {
  key: string;
  attendance: { inPerson: number; online: number; declined: number; notAnswered: number };
}

interface CohortView {
  booking: { organizer: string } | null;
  municipalities: { name: string; registration: { preparatoryDay: string; timeOfDay: string } | null; participants: { name: string; email: string; contact: boolean }[] }[];
}

jest.setTimeout(120_000);

describe('a cohort from scratch: on an empty installation, in a plain browser, from creation to booking and the first answers', () => {
  let local: LocalTab;
  /** One browser tab throughout, as one person at one machine would use it, switching user with "Skift bruger". */
  let page: Page;
  let cohortId: string;

  beforeAll(async () => {
    // As `npm start` on a fresh clone: local mode, a database nobody has put anything in.
    local = await startLocalTab({ demo: false });
    page = await local.browser.context.newPage();
  });

  afterAll(async () => {
    await local?.close();
  });

  /** The API as a demo user: only to check what the page should show. */
  async function asUser<T>(email: string, path: string): Promise<T> {
    const { status, json } = await local.asUser<T>(email, path);
    expect(status).toBe(200);
    return json;
  }
  const stored = () => asUser<CohortView>(ADVISOR, `/cohorts/${encodeURIComponent(cohortId)}`);
  const attendance = async (key: string) =>
    (await asUser<{ meetings: Attendance[] }>(ADVISOR, `/cohorts/${encodeURIComponent(cohortId)}/rsvp-matrix`)).meetings.find((m) => m.key === key)!.attendance;

  /** The demo picker: the person offered (by name, role and municipality), picked, and the tab shown as them. */
  async function pick(email: string, option: string): Promise<void> {
    const picker = page.getByLabel('Demobruger');
    await visible(picker);
    expect(await picker.locator('option').allTextContents()).toContain(option);
    await picker.selectOption(email);
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await visible(page.getByText(`Lokal afprøvning: du ser fanen som ${option.replace(' – ', ' (')})`));
  }

  async function switchTo(email: string, option: string): Promise<void> {
    await page.getByRole('button', { name: 'Skift bruger' }).click();
    await pick(email, option);
  }

  it('says it runs locally on the empty installation and loads the example from the page', async () => {
    await page.goto(`${local.url}/tab/`);
    await visible(page.getByRole('heading', { level: 1, name: 'Lokal afprøvning' }));
    await visible(page.getByText('Fanen kører lokalt på denne maskine og er ikke forbundet til Microsoft 365.'));
    await visible(page.getByRole('heading', { level: 2, name: 'Ingen gruppeforløb endnu' }));
    await page.getByRole('button', { name: 'Indlæs eksemplet' }).click();
    await visible(page.getByLabel('Demobruger'));
  });

  it('lets the demo advisor create a cohort from the programme and lands on its overview, not yet booked', async () => {
    await pick(ADVISOR, 'Signe Vestergaard – rådgiver');
    await page.getByRole('button', { name: 'Nyt gruppeforløb' }).click();
    await visible(page.getByRole('heading', { level: 2, name: 'Nyt gruppeforløb' }));
    await page.getByLabel('Gruppeforløbets navn').fill(COHORT);
    expect(await page.getByLabel('Program').locator('option:checked').textContent()).toBe('Gruppeforløb: Organisering af M-ACT');
    // The plenaries proposed some weeks ahead of today, each with a date and a start time.
    expect(await page.getByLabel('1. Opstartsmøde: dato').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByRole('button', { name: 'Opret gruppeforløbet' }).click();

    await visible(page.getByRole('heading', { level: 2, name: COHORT }));
    cohortId = decodeURIComponent(/\/tab\/cohorts\/([^/]+)$/.exec(page.url())?.[1] ?? '');
    expect(cohortId).not.toBe('');
    expect(cohortId).not.toBe('demo');
    await visible(page.getByText('Signe Vestergaard, Specialkonsulent'));
    await visible(page.getByText('Mødeserien er ikke booket endnu.', { exact: false }));
    const meetings = page.getByRole('table', { name: 'Møder', exact: true });
    await visible(meetings.locator('tr[data-meeting="opstart"]').getByText('kl. 09:30–15:30'));
    expect(await meetings.locator('tr[data-meeting]').count()).toBe(5);
    await local.shot(page, 'scratch-1-created.png');

    expect(await stored()).toMatchObject({ booking: null, municipalities: [] });
  });

  it('adds three municipalities with a leader and a participant each, and refuses to book with only two', async () => {
    const overview = page.getByRole('tablist', { name: COHORT });
    await overview.getByRole('tab', { name: 'Kommuner' }).click();
    await visible(page.getByText('0 kommuner. Et gruppeforløb har 3–6 kommuner.'));

    const add = async ({ name, leader, participant }: (typeof MUNICIPALITIES)[number], count: number) => {
      await page.getByRole('button', { name: 'Tilføj kommune' }).click();
      const dialog = page.getByRole('dialog', { name: 'Tilføj kommune' });
      await dialog.getByLabel('Kommunens navn').fill(name);
      await dialog.getByLabel(/^Navn/).fill(leader.name);
      await dialog.getByLabel('E-mail').fill(leader.email);
      await dialog.getByLabel('Rolle').selectOption({ label: leader.role });
      expect(await dialog.getByRole('checkbox', { name: 'Tovholder/leder for kommunen' }).isChecked()).toBe(true);
      await dialog.getByRole('button', { name: 'Tilføj kommune' }).click();
      await visible(page.getByText(`${name} er tilføjet.`));
      await visible(page.getByText(`${count} ${count === 1 ? 'kommune' : 'kommuner'}. Et gruppeforløb har 3–6 kommuner.`));

      const region = page.getByRole('region', { name });
      await region.getByRole('button', { name: `Tilføj deltager i ${name}` }).click();
      const person = page.getByRole('dialog', { name: `Tilføj deltager i ${name}` });
      await person.getByLabel(/^Navn/).fill(participant.name);
      await person.getByLabel('E-mail').fill(participant.email);
      await person.getByLabel('Rolle').selectOption({ label: participant.role });
      expect(await person.getByRole('checkbox', { name: 'Tovholder/leder for kommunen' }).isChecked()).toBe(false);
      await person.getByRole('button', { name: 'Gem' }).click();
      await visible(region.getByRole('row', { name: `${leader.name} ${leader.role} ${leader.email} — Ja` }));
      await visible(region.getByRole('row', { name: `${participant.name} ${participant.role} ${participant.email} — Nej` }));
      await visible(region.getByText('Tilmelding: Ikke tilmeldt endnu'));
    };

    await add(AARHUS, 1);
    await add(RANDERS, 2);

    // Two are too few for a cohort: booking now is refused in the programme's own words.
    await overview.getByRole('tab', { name: 'Møder' }).click();
    await page.getByRole('button', { name: 'Book i Outlook/Teams' }).click();
    await visible(page.getByRole('alert').getByText('Et gruppeforløb kan først bookes med mindst 3 kommuner (der er 2).'));
    expect((await stored()).booking).toBeNull();

    await overview.getByRole('tab', { name: 'Kommuner' }).click();
    await add(VIBORG, 3);
    await page.getByRole('region', { name: VIBORG.name }).scrollIntoViewIfNeeded();
    await local.shot(page, 'scratch-2-municipalities.png');

    const { municipalities } = await stored();
    expect(municipalities.map((m) => [m.name, m.participants.map((p) => [p.email, p.contact])])).toEqual(
      MUNICIPALITIES.map((m) => [m.name, [[m.leader.email, true], [m.participant.email, false]]]),
    );
  });

  it('books the series and says honestly that nothing was sent, as it is not connected', async () => {
    await page.getByRole('tablist', { name: COHORT }).getByRole('tab', { name: 'Møder' }).click();
    await page.getByRole('button', { name: 'Book i Outlook/Teams' }).click();
    await visible(page.getByText('Mødeserien er booket.'));
    await visible(page.getByText(`Booket fra ${ADVISOR}.`));
    await visible(page.getByText('Ikke forbundet til Microsoft 365: bookingen er gemt, men invitationerne er ikke sendt.'));
    expect(await page.getByRole('button', { name: 'Book i Outlook/Teams' }).count()).toBe(0);
    const delivery = page.getByRole('table', { name: 'Møder', exact: true }).locator('tr[data-meeting] [data-testid="delivery"]');
    await visible(delivery.filter({ hasText: 'Ikke sendt: ikke forbundet til Microsoft 365' }));
    await eventually(async () => (await delivery.allTextContents()).every((text) => text === 'Ikke sendt: ikke forbundet til Microsoft 365'));
    await local.shot(page, 'scratch-3-booked.png');

    expect((await stored()).booking).toMatchObject({ organizer: ADVISOR });
  });

  it('lets a leader of the new cohort, picked after "Skift bruger", register the municipality: people and the preparatory wish', async () => {
    await switchTo(AARHUS.leader.email, `${AARHUS.leader.name} – leder/tovholder, ${AARHUS.name}`);
    await visible(page.getByRole('heading', { level: 2, name: 'Mit forløb' }));
    const entry = page.getByRole('region', { name: 'Kommunens tilmelding' });
    await visible(entry.getByText(`${AARHUS.name}: Ikke tilmeldt endnu`));
    await entry.getByRole('button', { name: `Tilmeld ${AARHUS.name}` }).click();

    const form = page.getByRole('form', { name: `Tilmelding: ${AARHUS.name}` });
    await visible(form);
    await form.getByRole('group', { name: `Deltager 1: ${AARHUS.leader.name}` }).getByLabel('Telefon (valgfrit)').fill('+45 87 00 00 00');
    await visible(form.getByRole('group', { name: `Deltager 2: ${AARHUS.participant.name}` }));
    await form.getByRole('button', { name: 'Tilføj en person' }).click();
    const newcomer = form.getByRole('group', { name: 'Deltager 3: ny person' });
    await newcomer.getByLabel(/^Navn/).fill(NEWCOMER.name);
    const added = form.getByRole('group', { name: `Deltager 3: ${NEWCOMER.name}` });
    await added.getByLabel('E-mail').fill(NEWCOMER.email);
    await added.getByLabel('Rolle').selectOption({ label: NEWCOMER.role });

    const days = form.getByRole('radiogroup', { name: /^Dag/ }).getByRole('radio');
    expect(await days.count()).toBeGreaterThan(0);
    await days.first().check();
    await form.getByRole('radiogroup', { name: /^Tidspunkt på dagen/ }).getByRole('radio', { name: 'formiddag' }).check();
    await form.getByRole('button', { name: 'Gem tilmeldingen' }).click();
    await visible(form.getByText('Tilmeldingen er gemt, og rådgiverne kan se den.'));
    await local.shot(page, 'scratch-4-leader-registration.png');

    const aarhus = (await stored()).municipalities.find((m) => m.name === AARHUS.name)!;
    expect(aarhus.registration).toMatchObject({ timeOfDay: 'morning' });
    expect(aarhus.participants.map((p) => p.email)).toEqual([AARHUS.leader.email, AARHUS.participant.email, NEWCOMER.email]);

    await page.getByRole('button', { name: 'Tilbage' }).click();
    await visible(page.getByRole('region', { name: 'Kommunens tilmelding' }).getByText(`${AARHUS.name}: Ønsker forberedende møde`, { exact: false }));
  });

  let before: Attendance['attendance'];

  it('lets a participant of the new cohort answer the kick-off from "Mit forløb", with a dietary note', async () => {
    before = await attendance('opstart');
    await switchTo(RANDERS.participant.email, `${RANDERS.participant.name} – deltager, ${RANDERS.name}`);
    await visible(page.getByRole('heading', { level: 2, name: 'Mit forløb' }));
    expect(await page.getByRole('region', { name: 'Kommunens tilmelding' }).count()).toBe(0);
    const opstart = page.getByRole('region', { name: 'Opstartsmøde' });
    await visible(opstart.getByText('Sted: Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C'));
    await visible(opstart.getByText('Du har ikke svaret endnu.'));
    await opstart.getByRole('radio', { name: 'Jeg kommer', exact: true }).check();
    await opstart.getByLabel('Kostbehov eller allergier (valgfrit)').fill(DIETARY_NOTE);
    await opstart.getByRole('button', { name: 'Gem svar' }).click();
    await visible(opstart.getByText('Dit svar er gemt.'));
    await visible(opstart.getByText('Mit svar: Jeg kommer'));
    await local.shot(page, 'scratch-5-participant.png');

    const after = await attendance('opstart');
    expect(after.inPerson).toBe(before.inPerson + 1);
    expect(after.notAnswered).toBe(before.notAnswered - 1);
  });

  it('shows the advisor the answer, the changed head-count, the dietary note and the registration', async () => {
    await switchTo(ADVISOR, 'Signe Vestergaard – rådgiver');
    await page.getByRole('button', { name: `Åbn ${COHORT}` }).click();
    await visible(page.getByRole('heading', { level: 2, name: COHORT }));
    await page.getByRole('tablist', { name: COHORT }).getByRole('tab', { name: 'Tilmeldinger' }).click();

    const matrix = page.getByRole('table', { name: 'Tilmeldinger', exact: true });
    const row = matrix.getByRole('row', { name: new RegExp(`^${RANDERS.participant.name}`) });
    await visible(row);
    expect(await row.getByRole('cell').allTextContents()).toEqual([RANDERS.name, 'Kommer', '—', '—', '—', '—']);
    // Seven people now, Nanna Nørgaard included; the others have not answered yet.
    expect(await matrix.getByRole('row').count()).toBe(1 + 7);

    const counts = page.getByRole('table', { name: 'Antal', exact: true }).locator('tr[data-meeting="opstart"]');
    expect(await counts.locator('[data-count="inPerson"]').textContent()).toBe(String(before.inPerson + 1));
    expect(await counts.locator('[data-count="notAnswered"]').textContent()).toBe(String(before.notAnswered - 1));
    expect(before).toMatchObject({ inPerson: 0, notAnswered: 7 });
    const catering = page.getByRole('region', { name: /^Forplejning: Opstartsmøde/ });
    await visible(catering.getByRole('row', { name: `${RANDERS.participant.name} ${RANDERS.name} ${DIETARY_NOTE}` }));
    await local.shot(page, 'scratch-6-matrix.png');

    await page.getByRole('tablist', { name: COHORT }).getByRole('tab', { name: 'Kommuner' }).click();
    const aarhus = page.getByRole('region', { name: AARHUS.name });
    await visible(aarhus.getByText(/^Tilmelding: Ønsker forberedende møde .*, formiddag$/));
    await visible(aarhus.getByRole('row', { name: `${AARHUS.leader.name} ${AARHUS.leader.role} ${AARHUS.leader.email} +45 87 00 00 00 Ja` }));
    await visible(aarhus.getByRole('row', { name: `${NEWCOMER.name} ${NEWCOMER.role} ${NEWCOMER.email} — Nej` }));
    await visible(page.getByRole('region', { name: RANDERS.name }).getByText('Tilmelding: Ikke tilmeldt endnu'));
  });
});

async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`still not so after ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
