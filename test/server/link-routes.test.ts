import { createHmac } from 'node:crypto';
import { changeCohort } from '../../src/app/change-cohort';
import { eraseCohort } from '../../src/app/erase-cohort';
import { loadConfig } from '../../src/config/config';
import { cancelMeeting } from '../../src/domain/booking';
import type { Cohort } from '../../src/domain/cohort';
import { revokeLink } from '../../src/links/link-revocations';
import { linkSecret } from '../../src/links/link-secret';
import { newLinkId, signLink, type LinkPayload } from '../../src/links/link-token';
import { createLog } from '../../src/server/log';
import { startServer, type RunningServer } from '../../src/server/server';
import { engines, useStore } from '../support/engines';
import { tempDir } from '../support/http';
import { meetingByKey, participant, sampleCohort } from '../support/sample-cohort';
import { testClock } from '../support/test-clock';

const SECRET = 'link-routes-test-secret-0123456789abcdef';
const clock = testClock('2023-04-01T08:00:00.000Z');
const logged: string[] = [];
const log = createLog('debug', (line) => logged.push(line), (line) => logged.push(line));

/** The sample cohort with people whose first and last names can be told apart, and one name that needs escaping. */
function cohortWithNames(): Cohort {
  const base = sampleCohort();
  const [first, ...rest] = base.municipalities;
  const people = [participant('Mette Hansen', 'mette@aarhus.example.org', true), participant('Jonas Berg', 'jonas@aarhus.example.org'), participant('<b>Eva</b> Moe', 'eva@aarhus.example.org')];
  return { ...base, municipalities: [{ ...first!, participants: people }, ...rest] };
}

describe.each(engines())('signed RSVP links over HTTP on the $name store', (engine) => {
  const fixture = useStore(engine);
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ ...loadConfig({}, tempDir()), port: 0 }, { store: fixture.store, clock, log, links: { db: fixture.store.db, secret: SECRET } });
  });
  afterAll(() => server.close());

  async function seeded(): Promise<Cohort> {
    return (await fixture.store.cohorts.create(cohortWithNames())).cohort;
  }
  const person = (cohort: Cohort, index: number) => cohort.municipalities[0]!.participants[index]!;
  const nowSeconds = () => Math.floor(Date.parse(clock.now()) / 1000);
  function payloadFor(cohort: Cohort, meetingKey = 'opstart', who = 0): LinkPayload {
    return { v: 1, id: newLinkId(), cohort: cohort.id, participant: person(cohort, who).id, purpose: 'rsvp', meeting: meetingByKey(cohort, meetingKey).id, exp: nowSeconds() + 30 * 24 * 3600 };
  }
  const tokenFor = (cohort: Cohort, meetingKey?: string, who?: number) => signLink(SECRET, payloadFor(cohort, meetingKey, who));
  const get = (token: string) => fetch(`${server.url}/l/${token}`);
  const post = (token: string, form: Record<string, string>) =>
    fetch(`${server.url}/l/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const stored = async (cohort: Cohort) => (await fixture.store.cohorts.load(cohort.id))!;

  it('shows the participant only their own first name, the meeting and the answers it offers, with strict headers', async () => {
    const cohort = await seeded();
    const res = await get(tokenFor(cohort));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'/);
    const html = await res.text();
    expect(html).toContain('Hej Mette');
    expect(html).toContain('Opstartsmøde');
    expect(html).toContain('torsdag 4. maj 2023');
    expect(html).toContain('09:30–15:30');
    expect(html).toContain('Edisonsvej 18, 5000 Odense C');
    expect(html).toContain('value="in_person"');
    expect(html).toContain('value="declined"');
    expect(html).not.toContain('value="online"');
    expect(html).toContain('<textarea id="note" name="note"');
    for (const other of ['Hansen', 'Jonas', 'Eva', '@', 'Rikke', 'Aarhus']) expect(html).not.toContain(other);
    expect(html).not.toMatch(/<script/i);
  });

  it('offers a virtual meeting online or not at all, without a dietary note, and escapes names', async () => {
    const cohort = await seeded();
    const html = await (await get(tokenFor(cohort, 'refleksion-1', 2))).text();
    expect(html).toContain('Hej &lt;b&gt;Eva&lt;/b&gt;');
    expect(html).not.toContain('<b>Eva');
    expect(html).toContain('online (Teams)');
    expect(html).toContain('value="online"');
    expect(html).not.toContain('value="in_person"');
    expect(html).not.toContain('<textarea');
  });

  it('records the answer with source link, and a newer answer wins', async () => {
    const cohort = await seeded();
    const token = tokenFor(cohort);
    const first = await post(token, { answer: 'in_person', note: ' Vegetar ' });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Dit svar er registreret: Jeg kommer.');
    expect((await stored(cohort)).cohort.rsvps).toEqual([expect.objectContaining({ participantId: person(cohort, 0).id, answer: 'in_person', dietaryNote: 'Vegetar', source: 'link', answeredAt: clock.now() })]);
    const marked = await (await get(token)).text();
    expect(marked).toContain('value="in_person" aria-pressed="true"');
    expect(marked).not.toContain('Vegetar');

    clock.advance(60_000);
    expect((await post(token, { answer: 'declined', note: '' })).status).toBe(200);
    expect((await stored(cohort)).cohort.rsvps).toEqual([expect.objectContaining({ answer: 'declined', dietaryNote: null, source: 'link', answeredAt: clock.now() })]);
  });

  it.each([
    ['an unknown answer', { answer: 'maybe' }, 400, 'Svaret kunne ikke læses'],
    ['an answer the meeting does not offer', { answer: 'online' }, 422, 'Det svar passer ikke til mødets form'],
    ['an over-long note', { answer: 'in_person', note: 'x'.repeat(501) }, 422, 'må højst være 500 tegn'],
    ['an unexpected field', { answer: 'in_person', admin: '1' }, 400, 'Svaret kunne ikke læses'],
  ])('refuses %s and changes nothing', async (_case, form, status, text) => {
    const cohort = await seeded();
    const before = await stored(cohort);
    const res = await post(tokenFor(cohort), form);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(text);
    expect(await stored(cohort)).toEqual(before);
  });

  it('refuses an oversized or non-form body and changes nothing', async () => {
    const cohort = await seeded();
    const before = await stored(cohort);
    const token = tokenFor(cohort);
    const big = await post(token, { answer: 'in_person', note: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('Indholdet er for stort');
    const json = await fetch(`${server.url}/l/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"answer":"in_person"}' });
    expect(json.status).toBe(400);
    expect(await stored(cohort)).toEqual(before);
  });

  it('refuses an answer to a meeting called off, and says so on the page', async () => {
    const cohort = await seeded();
    const token = tokenFor(cohort);
    await changeCohort({ db: fixture.store.db, clock }, cohort.id, (c) => cancelMeeting(c, meetingByKey(c, 'opstart').id));
    const before = await stored(cohort);
    expect(await (await get(token)).text()).toContain('Mødet er aflyst.');
    const res = await post(token, { answer: 'in_person' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Mødet er aflyst.');
    expect(await stored(cohort)).toEqual(before);
  });

  const forged = (payload: unknown) => {
    const text = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${text}.${createHmac('sha256', SECRET).update(text).digest('base64url')}`;
  };
  const change = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

  it.each<[string, string, (cohort: Cohort) => Promise<string>]>([
    ['a payload byte changed', 'bad_signature', async (c) => { const t = tokenFor(c); return change(t, 12); }],
    ['the signature changed', 'bad_signature', async (c) => { const t = tokenFor(c); return change(t, t.length - 4); }],
    ['the token truncated', 'bad_signature', async (c) => tokenFor(c).slice(0, -2)],
    ['the payload re-signed with another secret', 'bad_signature', async (c) => signLink('some-other-secret-some-other-secret-00', payloadFor(c))],
    ['a purpose no link has', 'bad_payload', async (c) => forged({ ...payloadFor(c), purpose: 'admin' })],
    ['the purpose changed under the old signature', 'bad_signature', async (c) => {
      const [, signature] = tokenFor(c).split('.');
      return `${Buffer.from(JSON.stringify({ ...payloadFor(c), purpose: 'booking' })).toString('base64url')}.${signature}`;
    }],
    ['a booking purpose naming a plenary', 'unknown_meeting', async (c) => signLink(SECRET, { ...payloadFor(c), purpose: 'booking' })],
    ['another participant named under the old signature', 'bad_signature', async (c) => {
      const [, signature] = tokenFor(c).split('.');
      return `${Buffer.from(JSON.stringify(payloadFor(c, 'opstart', 1))).toString('base64url')}.${signature}`;
    }],
    ['expired', 'expired', async (c) => {
      const token = signLink(SECRET, { ...payloadFor(c), exp: nowSeconds() + 60 });
      clock.advance(61_000);
      return token;
    }],
    ['revoked', 'revoked', async (c) => {
      const payload = payloadFor(c);
      await revokeLink(fixture.store.db, payload.id, clock.now());
      return signLink(SECRET, payload);
    }],
    ['its participant removed', 'unknown_participant', async (c) => {
      const token = tokenFor(c, 'opstart', 1);
      await changeCohort({ db: fixture.store.db, clock }, c.id, (cohort) => ({
        ...cohort,
        municipalities: cohort.municipalities.map((m, i) => (i === 0 ? { ...m, participants: m.participants.filter((p) => p.id !== person(c, 1).id) } : m)),
      }));
      return token;
    }],
    ['its cohort erased', 'cohort_erased', async (c) => {
      const token = tokenFor(c);
      await eraseCohort({ db: fixture.store.db, clock }, c.id);
      return token;
    }],
    ['an unknown cohort', 'unknown_cohort', async (c) => signLink(SECRET, { ...payloadFor(c), cohort: 'no-such-cohort' })],
    ['an individual meeting', 'unknown_meeting', async (c) => signLink(SECRET, { ...payloadFor(c), meeting: meetingByKey(c, 'forberedende').id })],
  ])('refuses a link with %s: the same 404 page, nothing changed, the reason logged', async (_case, reason, make) => {
    const cohort = await seeded();
    const token = await make(cohort);
    const before = await stored(cohort);
    logged.length = 0;
    const shown = await get(token);
    const answered = await post(token, { answer: 'declined' });
    for (const res of [shown, answered]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('Linket er ikke gyldigt (længere)');
      expect(html).toContain('Kontakt de rådgivere, der sendte dig linket');
      expect(html).not.toContain(reason);
    }
    expect(await stored(cohort)).toEqual(before);
    expect(logged.filter((line) => line.includes(`link refused: ${reason}`))).toHaveLength(2);
    expect(logged.join('\n')).not.toContain(token);
  });

  it('keeps a generated secret in the database, so links outlive a restart', async () => {
    const first = await linkSecret(fixture.store.db, null, clock);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const other = await fixture.open();
    expect(await linkSecret(other.db, null, clock)).toBe(first);
    expect(await linkSecret(other.db, 'configured-secret-configured-secret-00', clock)).toBe('configured-secret-configured-secret-00');
  });
});

