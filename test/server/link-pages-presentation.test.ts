import type { Cohort } from '../../src/domain/cohort';
import { engines, useStore } from '../support/engines';
import { expectInvalidLink, useLinkPages } from '../support/link-pages';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { testClock } from '../support/test-clock';

describe.each(engines())('the presentation page of a signed link on the $name store', (engine) => {
  const fixture = useStore(engine);
  const clock = testClock('2023-04-01T08:00:00.000Z');
  const pages = useLinkPages(fixture, clock);

  const seeded = async () => (await fixture.store.cohorts.create(sampleCohort())).cohort;
  const aarhus = (cohort: Cohort) => cohort.municipalities[0]!;
  const leader = (cohort: Cohort) => aarhus(cohort).participants[0]!;
  const consultant = (cohort: Cohort) => aarhus(cohort).participants[1]!;
  const presentationLink = (cohort: Cohort, who = consultant(cohort), key = 'refleksion-1') => pages.token(cohort, 'presentation', who, meetingByKey(cohort, key));
  const presentations = async (cohort: Cohort) => (await pages.stored(cohort)).cohort.presentations;

  it("shows the municipality's task for the meeting with the two reports, and nothing of anyone else", async () => {
    const cohort = await seeded();
    const res = await pages.get(presentationLink(cohort));
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'/);
    const html = await res.text();
    expect(html).toContain('Hej Konsulent');
    expect(html).toContain('Refleksionsmøde');
    expect(html).toContain('tirsdag 6. juni 2023');
    expect(html).toContain('Jeres oplæg');
    expect(html).toContain('Aarhus Kommune');
    expect(html).toContain('Ikke startet');
    expect(html).toContain('<form method="post">');
    expect(html).toContain('value="in_preparation" aria-pressed="false">Vi er i gang');
    expect(html).toContain('value="ready" aria-pressed="false">Oplægget er klar');
    expect(html).toContain('<input type="url" id="link" name="link"');
    for (const other of ['Odense', 'Vejle', 'Leder', '@', 'Rikke']) expect(html).not.toContain(other);
    expect(html).not.toMatch(/<script/i);
  });

  it('sets the status for the whole municipality: "Vi er i gang", then ready with its link, shown once ready', async () => {
    const cohort = await seeded();
    const meetingId = meetingByKey(cohort, 'refleksion-1').id;
    const working = await pages.post(presentationLink(cohort), { status: 'in_preparation', link: '' });
    expect(working.status).toBe(200);
    const workingHtml = await working.text();
    expect(workingHtml).toContain('Tak – status for oplægget er opdateret.');
    expect(workingHtml).toContain('I gang');
    expect(await presentations(cohort)).toEqual([{ meetingId, municipalityId: aarhus(cohort).id, status: 'in_preparation', link: null, updatedAt: clock.now() }]);
    // The municipality's leader, on a link of their own, sees the same task.
    expect(await (await pages.get(presentationLink(cohort, leader(cohort)))).text()).toContain('value="in_preparation" aria-pressed="true"');

    clock.advance(60_000);
    const ready = await pages.post(presentationLink(cohort), { status: 'ready', link: ' https://example.org/oplaeg?a=1&b="2" ' });
    expect(ready.status).toBe(200);
    const readyHtml = await ready.text();
    expect(readyHtml).toContain('Klar');
    expect(readyHtml).toContain('<a href="https://example.org/oplaeg?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">');
    expect(readyHtml).toContain('value="ready" aria-pressed="true"');
    expect(await presentations(cohort)).toEqual([{ meetingId, municipalityId: aarhus(cohort).id, status: 'ready', link: 'https://example.org/oplaeg?a=1&b="2"', updatedAt: clock.now() }]);
  });

  it.each([
    ['a link that is not https', { status: 'ready', link: 'http://example.org/oplaeg' }, 422, 'Linket til oplægget skal være en https-adresse.'],
    ['a status the page does not offer', { status: 'not_started' }, 400, 'Svaret kunne ikke læses'],
    ['a municipality of its own choosing', { status: 'ready', municipalityId: 'm-other' }, 400, 'Svaret kunne ikke læses'],
  ])('refuses %s and changes nothing', async (_case, form, status, text) => {
    const cohort = await seeded();
    const before = await pages.stored(cohort);
    const res = await pages.post(presentationLink(cohort), form);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(text);
    expect(await pages.stored(cohort)).toEqual(before);
  });

  it('says so for a meeting without presentations (a link `link` never issues), and changes nothing', async () => {
    const cohort = await seeded();
    const token = presentationLink(cohort, consultant(cohort), 'opstart');
    const before = await pages.stored(cohort);
    expect(await (await pages.get(token)).text()).toContain('Der skal ikke holdes oplæg på dette møde.');
    const res = await pages.post(token, { status: 'ready' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Der skal ikke holdes oplæg på dette møde.');
    expect(await pages.stored(cohort)).toEqual(before);
  });

  it.each(pages.spoilings)('refuses a presentation link with %s: the invalid-link page for a visit and a report, nothing changed', async (_case, reason, make) => {
    const cohort = await seeded();
    const token = await make(pages.payload(cohort, 'presentation', consultant(cohort), meetingByKey(cohort, 'refleksion-1')));
    const before = await pages.stored(cohort);
    pages.logged.length = 0;
    await expectInvalidLink(await pages.get(token));
    await expectInvalidLink(await pages.post(token, { status: 'ready' }));
    expect(await pages.stored(cohort)).toEqual(before);
    expect(pages.logged.filter((line) => line.includes(`link refused: ${reason}`))).toHaveLength(2);
    expect(pages.logged.join('\n')).not.toContain(token);
  });

  it.each<[string, (cohort: Cohort) => string, Record<string, string>]>([
    ['an RSVP link used to report the presentation', (c) => pages.token(c, 'rsvp', consultant(c), meetingByKey(c, 'refleksion-1')), { status: 'ready' }],
    ['a booking link used to report the presentation', (c) => pages.token(c, 'booking', leader(c), meetingByKey(c, 'forberedende')), { status: 'ready' }],
    ['a presentation link used to answer the RSVP', (c) => presentationLink(c), { answer: 'declined' }],
  ])('refuses %s: the invalid-link page, nothing changed', async (_case, make, form) => {
    const cohort = await seeded();
    const before = await pages.stored(cohort);
    pages.logged.length = 0;
    await expectInvalidLink(await pages.post(make(cohort), form));
    expect(await pages.stored(cohort)).toEqual(before);
    expect(pages.logged.filter((line) => line.includes('link refused: wrong_purpose'))).toHaveLength(1);
  });
});
