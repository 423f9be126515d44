import type { Cohort } from '../../src/domain/cohort';
import { parseInstant, parseLocalDate, parseLocalDateTime as at } from '../../src/domain/local-time';
import { issueLink } from '../../src/links/issue-link';
import { recordBusyTimes } from '../../src/store/busy-times';
import { engines, useStore } from '../support/engines';
import { expectInvalidLink, useLinkPages } from '../support/link-pages';
import { meetingByKey, sampleCohort } from '../support/sample-cohort';
import { testClock } from '../support/test-clock';

/** The sample cohort (windows in April 2023 and January 2024) with Aarhus wishing for the afternoon of the second day. */
function cohortWithWish(): Cohort {
  const base = sampleCohort();
  const [aarhus, ...rest] = base.municipalities;
  const registration = { preparatoryDay: parseLocalDate('2023-04-26'), timeOfDay: 'afternoon' as const, registeredAt: parseInstant('2023-03-01T10:00:00Z') };
  return { ...base, municipalities: [{ ...aarhus!, registration }, ...rest] };
}

const slotsOn = (html: string) => [...html.matchAll(/name="slot" value="([^"]+)"/g)].map((m) => m[1]);

describe.each(engines())('the booking page of a signed link on the $name store', (engine) => {
  const fixture = useStore(engine);
  const clock = testClock('2023-04-01T08:00:00.000Z');
  const pages = useLinkPages(fixture, clock);

  const seeded = async () => (await fixture.store.cohorts.create(cohortWithWish())).cohort;
  /** Each municipality's first participant is its leader contact, the second is not. */
  const leader = (cohort: Cohort, town = 0) => cohort.municipalities[town]!.participants[0]!;
  const consultant = (cohort: Cohort) => cohort.municipalities[0]!.participants[1]!;
  const bookingLink = (cohort: Cohort, town = 0, key = 'forberedende') => pages.token(cohort, 'booking', leader(cohort, town), meetingByKey(cohort, key));
  const bookings = async (cohort: Cohort) => (await pages.stored(cohort)).cohort.slotBookings;

  it("lists the free slots by day, the registration wish first, without the advisors' busy time, and nothing of anyone else", async () => {
    const cohort = await seeded();
    await recordBusyTimes(fixture.store.db, cohort.id, new Map([['rikke@agency.example.org', { ok: true, busy: [{ start: at('2023-04-25T10:00'), end: at('2023-04-25T11:00') }] }]]), clock.now());
    const res = await pages.get(bookingLink(cohort));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Hej Leder');
    expect(html).toContain('Forberedende individuelt møde');
    expect(html).toContain('Aarhus Kommune');
    expect(html).toContain('Teams-møde');
    expect(slotsOn(html)).toEqual([
      '2023-04-26T12:45', '2023-04-26T14:00', '2023-04-26T09:00', '2023-04-26T10:15', '2023-04-26T11:30',
      '2023-04-25T09:00', '2023-04-25T11:30', '2023-04-25T12:45', '2023-04-25T14:00',
    ]);
    expect(html.indexOf('<legend>onsdag 26. april 2023')).toBeLessThan(html.indexOf('<legend>tirsdag 25. april 2023'));
    expect(html.match(/jeres ønske/g)).toHaveLength(2);
    expect(html).toContain('value="book">Book tiden');
    expect(html).not.toContain('name="phone"');
    expect(html).not.toContain('value="cancel"');
    for (const other of ['Odense', 'Vejle', 'Konsulent', '@', 'Rikke']) expect(html).not.toContain(other);
    expect(html).not.toMatch(/<script/i);
  });

  it('books, rebooks and cancels for the municipality of the leader the link names', async () => {
    const cohort = await seeded();
    const token = bookingLink(cohort);
    const booked = await pages.post(token, { action: 'book', slot: '2023-04-26T12:45' });
    expect(booked.status).toBe(200);
    const bookedHtml = await booked.text();
    expect(bookedHtml).toContain('Tak – tiden er booket.');
    expect(bookedHtml).toContain('I har booket: onsdag 26. april 2023 kl. 12:45–13:45');
    expect(bookedHtml).toContain('value="2023-04-26T12:45" required checked');
    expect(bookedHtml).toContain('value="cancel">Aflys tiden');
    expect(bookedHtml).toContain('value="book">Flyt til denne tid');
    const booking = { meetingId: meetingByKey(cohort, 'forberedende').id, municipalityId: cohort.municipalities[0]!.id, bookedBy: leader(cohort).id, phone: null };
    expect(await bookings(cohort)).toEqual([{ ...booking, start: '2023-04-26T12:45', bookedAt: clock.now(), version: 1, generation: 1, cancelled: false }]);

    clock.advance(60_000);
    expect((await pages.post(token, { action: 'book', slot: '2023-04-25T09:00' })).status).toBe(200);
    expect(await bookings(cohort)).toEqual([{ ...booking, start: '2023-04-25T09:00', bookedAt: clock.now(), version: 2, generation: 1, cancelled: false }]);

    const cancelled = await pages.post(token, { action: 'cancel' });
    expect(cancelled.status).toBe(200);
    const cancelledHtml = await cancelled.text();
    expect(cancelledHtml).toContain('Tiden er aflyst.');
    expect(cancelledHtml).not.toContain('I har booket');
    expect(cancelledHtml).toContain('value="book">Book tiden');
    expect(await bookings(cohort)).toEqual([{ ...booking, start: '2023-04-25T09:00', bookedAt: clock.now(), version: 3, generation: 1, cancelled: true }]);
  });

  it('shows the slots left, saying so, when another municipality took the slot between page and press', async () => {
    const cohort = await seeded();
    const token = bookingLink(cohort);
    expect(slotsOn(await (await pages.get(token)).text())).toContain('2023-04-25T09:00');
    expect((await pages.post(bookingLink(cohort, 1), { action: 'book', slot: '2023-04-25T09:00' })).status).toBe(200);

    const late = await pages.post(token, { action: 'book', slot: '2023-04-25T09:00' });
    expect(late.status).toBe(409);
    const html = await late.text();
    expect(html).toContain('Tiden blev lige taget af en anden kommune');
    expect(slotsOn(html)).not.toContain('2023-04-25T09:00');
    expect(slotsOn(html)).toContain('2023-04-25T10:15');
    expect(html).not.toContain('Odense');
    expect((await bookings(cohort)).map((b) => b.municipalityId)).toEqual([cohort.municipalities[1]!.id]);
  });

  it('asks for the number to call for the phone follow-up when none is known, and books with it', async () => {
    const cohort = await seeded();
    const token = bookingLink(cohort, 0, 'opfoelgning');
    const page = await (await pages.get(token)).text();
    expect(page).toContain('Telefonopkald');
    expect(page).toContain('<input type="tel" id="phone" name="phone"');

    const without = await pages.post(token, { action: 'book', slot: '2024-01-09T09:00', phone: '' });
    expect(without.status).toBe(422);
    const withoutHtml = await without.text();
    expect(withoutHtml).toContain('Opfølgningen er et telefonmøde: skriv det nummer, vi skal ringe til.');
    expect(slotsOn(withoutHtml)).toContain('2024-01-09T09:00');
    expect(await bookings(cohort)).toEqual([]);

    const booked = await pages.post(token, { action: 'book', slot: '2024-01-09T09:00', phone: '+45 12 34 56 78' });
    expect(booked.status).toBe(200);
    const html = await booked.text();
    expect(html).toContain('Vi ringer til +45 12 34 56 78.');
    expect(html).not.toContain('name="phone"');
    expect(await bookings(cohort)).toEqual([expect.objectContaining({ start: '2024-01-09T09:00', phone: '+45 12 34 56 78' })]);
  });

  it.each([
    ['no slot', { action: 'book' }, 400, 'Svaret kunne ikke læses'],
    ['a slot that is no time', { action: 'book', slot: 'not-a-time' }, 422, 'Den tid kan ikke længere vælges'],
    ['a slot outside the window', { action: 'book', slot: '2023-04-27T09:00' }, 422, 'Den tid kan ikke længere vælges'],
    ['a municipality of its own choosing', { action: 'book', slot: '2023-04-25T09:00', municipalityId: 'm-other' }, 400, 'Svaret kunne ikke læses'],
  ])('refuses %s and changes nothing', async (_case, form, status, text) => {
    const cohort = await seeded();
    const before = await pages.stored(cohort);
    const res = await pages.post(bookingLink(cohort), form);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(text);
    expect(await pages.stored(cohort)).toEqual(before);
  });

  it('refuses a booking link for someone who is not a leader contact: never issued, and one forged is invalid at use', async () => {
    const cohort = await seeded();
    const issue = { db: fixture.store.db, clock, secret: 'an-issuing-secret-that-is-long-enough-000', publicUrl: 'https://gf.example.org' };
    await expect(issueLink(issue, cohort.id, consultant(cohort).person!.email, 'forberedende', 'booking', null)).rejects.toMatchObject({ code: 'not_permitted' });
    await expect(issueLink(issue, cohort.id, leader(cohort).person!.email, 'forberedende', 'booking', null)).resolves.toMatchObject({ expiresAt: '2023-04-26T22:00:00.000Z' });

    const forged = pages.token(cohort, 'booking', consultant(cohort), meetingByKey(cohort, 'forberedende'));
    const before = await pages.stored(cohort);
    pages.logged.length = 0;
    await expectInvalidLink(await pages.get(forged));
    await expectInvalidLink(await pages.post(forged, { action: 'book', slot: '2023-04-25T09:00' }));
    expect(await pages.stored(cohort)).toEqual(before);
    expect(pages.logged.filter((line) => line.includes('link refused: not_a_leader'))).toHaveLength(2);
  });

  it.each(pages.spoilings)('refuses a booking link with %s: the invalid-link page for a visit and a booking, nothing changed', async (_case, reason, make) => {
    const cohort = await seeded();
    const token = await make(pages.payload(cohort, 'booking', leader(cohort), meetingByKey(cohort, 'forberedende')));
    const before = await pages.stored(cohort);
    pages.logged.length = 0;
    await expectInvalidLink(await pages.get(token));
    await expectInvalidLink(await pages.post(token, { action: 'book', slot: '2023-04-25T09:00' }));
    expect(await pages.stored(cohort)).toEqual(before);
    expect(pages.logged.filter((line) => line.includes(`link refused: ${reason}`))).toHaveLength(2);
    expect(pages.logged.join('\n')).not.toContain(token);
  });

  it('refuses a booking link that names a plenary (one the product never signs)', async () => {
    const cohort = await seeded();
    pages.logged.length = 0;
    await expectInvalidLink(await pages.get(pages.token(cohort, 'booking', leader(cohort), meetingByKey(cohort, 'opstart'))));
    expect(pages.logged.filter((line) => line.includes('link refused: unknown_meeting'))).toHaveLength(1);
  });

  it.each<[string, (cohort: Cohort) => string, Record<string, string>]>([
    ['an RSVP link used to book', (c) => pages.token(c, 'rsvp', leader(c), meetingByKey(c, 'opstart')), { action: 'book', slot: '2023-04-25T09:00' }],
    ['a presentation link used to cancel the booking', (c) => pages.token(c, 'presentation', leader(c), meetingByKey(c, 'refleksion-1')), { action: 'cancel' }],
    ['a booking link used to answer the RSVP', (c) => bookingLink(c), { answer: 'declined' }],
  ])('refuses %s: the invalid-link page, nothing changed', async (_case, make, form) => {
    const cohort = await seeded();
    expect((await pages.post(bookingLink(cohort), { action: 'book', slot: '2023-04-26T12:45' })).status).toBe(200);
    const before = await pages.stored(cohort);
    pages.logged.length = 0;
    await expectInvalidLink(await pages.post(make(cohort), form));
    expect(await pages.stored(cohort)).toEqual(before);
    expect(pages.logged.filter((line) => line.includes('link refused: wrong_purpose'))).toHaveLength(1);
  });
});
