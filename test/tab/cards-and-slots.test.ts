import type { Locator } from 'playwright-core';
import type { SlotOfferResponse } from '../../src/server/tab-api/response-schemas';
import { formatSpan } from '../../tab/src/time';
import { startLocalTab, type LocalTab } from '../support/local-tab';

const ADVISOR = 'signe.vestergaard@styrelsen.example.org';
const LEADER = 'lone.bach@horsens.example.org';
const OTHER_LEADER = 'henrik.thomsen@kolding.example.org';

jest.setTimeout(60_000);

describe('card previews and slot booking in Debian’s chromium, against the built server in local mode', () => {
  let local: LocalTab;

  beforeAll(async () => {
    local = await startLocalTab({ demo: true });
  });

  afterAll(async () => {
    await local?.close();
  });

  const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 10_000 });
  /** A computed style, read in the page (a function, not a string: Playwright would evaluate a string as an expression). */
  const style = (locator: Locator, property: string) =>
    locator.first().evaluate((element, name) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(element)[name], property);

  it("shows an advisor the bot's RSVP card rendered from the cohort's data, in Danish and English, with buttons that do nothing", async () => {
    const answered = async () => (await local.asUser<{ participants: { answers: unknown[] }[] }>(ADVISOR, '/cohorts/demo/rsvp-matrix')).json.participants.flatMap((p) => p.answers).length;
    const before = await answered();
    const page = await local.openAs(ADVISOR);
    await page.goto(`${local.url}/tab/cohorts/demo`);
    await page.getByRole('tab', { name: 'Kort' }).click();
    expect(page.url()).toBe(`${local.url}/tab/cohorts/demo/cards`);

    const rsvp = page.getByRole('region', { name: 'Tilmelding (påmindelse)' });
    await visible(rsvp.getByText('Til: Lone Bach, Horsens Kommune'));
    const card = rsvp.locator('[data-card-preview]');
    await visible(card.getByText('Opstartsmøde'));
    await visible(card.getByText('Social- og Boligstyrelsen, Edisonsvej 18, 5000 Odense C'));
    // Teams' host config for the light theme: its font and its white card.
    expect(await style(card.getByText('Opstartsmøde'), 'fontFamily')).toContain('"Segoe UI Web (West European)"');
    expect(await style(card.locator('.ac-adaptiveCard'), 'backgroundColor')).toBe('rgb(255, 255, 255)');
    const coming = card.getByRole('button', { name: 'Jeg kommer', exact: true });
    await coming.click();
    await visible(page.getByRole('region', { name: 'Bekræftelse af booking' }).locator('[data-card-preview]'));
    await local.shot(page, 'card-previews.png');
    expect(page.url()).toBe(`${local.url}/tab/cohorts/demo/cards`);
    expect(await answered()).toBe(before);

    await page.getByRole('radio', { name: 'Engelsk' }).check();
    await visible(rsvp.locator('[data-card-preview]').getByText('Kick-off meeting'));
    await visible(rsvp.locator('[data-card-preview]').getByRole('button', { name: "I'm coming", exact: true }));
    await page.close();
  });

  it("draws the cards with Teams' dark host config when the theme is dark", async () => {
    const page = await local.openAs(ADVISOR, { dark: true });
    await page.goto(`${local.url}/tab/cohorts/demo/cards`);
    const card = page.getByRole('region', { name: 'Tilmelding (påmindelse)' }).locator('[data-card-preview]');
    await visible(card.getByText('Opstartsmøde'));
    expect(await style(card.locator('.ac-adaptiveCard'), 'backgroundColor')).toBe('rgb(45, 44, 44)');
    expect(await style(card.getByText('Opstartsmøde'), 'color')).toBe('rgb(255, 255, 255)');
    await page.close();
  });

  it('lets a leader book the preparatory meeting, move it, and shows the fresh slots when another municipality took one first', async () => {
    const mine = async () => (await local.asUser<{ offers: SlotOfferResponse[] }>(LEADER, '/my/slots')).json.offers.find((o) => o.kind === 'preparatory')!;
    const offer = await mine();
    const [wished, next, third] = offer.slots;
    expect(wished!.wished).toBe(true);
    const label = (slot: { start: string; end: string; wished: boolean }) => `${formatSpan(slot.start, slot.end, 'da')}${slot.wished ? ' (jeres ønske)' : ''}`;

    const page = await local.openAs(LEADER);
    const section = page.getByRole('region', { name: 'Forberedende individuelt møde – Horsens Kommune' });
    await visible(section.getByText('Ikke booket endnu.'));
    await section.getByRole('radio', { name: label(wished!), exact: true }).check();
    await section.getByRole('button', { name: 'Book tiden' }).click();
    await visible(section.getByText(`Mødet er booket: ${formatSpan(wished!.start, wished!.end, 'da')}.`));
    await visible(section.getByText(`Booket: ${formatSpan(wished!.start, wished!.end, 'da')}`));
    expect((await mine()).booking).toMatchObject({ start: wished!.start });

    await section.getByRole('radio', { name: label(next!), exact: true }).check();
    await section.getByRole('button', { name: 'Flyt til den valgte tid' }).click();
    await visible(section.getByText(`Mødet er flyttet til ${formatSpan(next!.start, next!.end, 'da')}.`));
    expect((await mine()).booking).toMatchObject({ start: next!.start, version: 2 });
    await local.shot(page, 'leader-slots.png');

    // Kolding takes the third slot while the page still offers it.
    const kolding = (await local.asUser<{ offers: SlotOfferResponse[] }>(OTHER_LEADER, '/my/slots')).json.offers.find((o) => o.kind === 'preparatory')!;
    const taken = await local.asUser(OTHER_LEADER, `/cohorts/demo/municipalities/${kolding.municipalityId}/slots/${kolding.meetingId}`, { method: 'PUT', body: { start: third!.start } });
    expect(taken.status).toBe(200);
    const thirdRadio = section.getByRole('radio', { name: label(third!), exact: true });
    await thirdRadio.check();
    await section.getByRole('button', { name: 'Flyt til den valgte tid' }).click();
    await visible(section.getByRole('alert').getByText('Tiden er lige blevet taget af en anden kommune. Vælg en anden. Her er de ledige tider, som de er nu.'));
    await thirdRadio.waitFor({ state: 'detached' });
    expect((await mine()).booking).toMatchObject({ start: next!.start, version: 2 });

    await section.getByRole('button', { name: 'Aflys bookingen' }).click();
    await visible(section.getByText('Bookingen er aflyst.'));
    expect((await mine()).booking).toBeNull();
    await page.close();
  });
});
