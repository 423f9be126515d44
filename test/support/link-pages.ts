import { createHmac } from 'node:crypto';
import type { Clock } from '../../src/app/clock';
import { loadConfig } from '../../src/config/config';
import type { Cohort, Meeting, Participant } from '../../src/domain/cohort';
import { revokeLink } from '../../src/links/link-revocations';
import { newLinkId, signLink, type LinkPayload, type LinkPurpose } from '../../src/links/link-token';
import type { LinkRefusal } from '../../src/links/open-link';
import { createLog } from '../../src/server/log';
import { startServer, type RunningServer } from '../../src/server/server';
import type { StoreFixture } from './engines';
import { tempDir } from './http';

const SECRET = 'link-pages-test-secret-0123456789abcdef';

/** One way a link goes bad: how it is made from a good one, and the reason the server's log gives. */
export type Spoiling = [name: string, reason: LinkRefusal, make: (good: LinkPayload) => Promise<string>];

/**
 * A server with the signed-link pages on the fixture's store, and what a visitor's browser does
 * with a link: open it, post its form. Links are signed as `link` signs them.
 */
export function useLinkPages(fixture: StoreFixture, clock: Clock & { advance(ms: number): void }) {
  const logged: string[] = [];
  const log = createLog('debug', (line) => logged.push(line), (line) => logged.push(line));
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ ...loadConfig({}, tempDir()), port: 0 }, { store: fixture.store, clock, log, links: { db: fixture.store.db, secret: SECRET } });
  });
  afterAll(() => server.close());

  const nowSeconds = () => Math.floor(Date.parse(clock.now()) / 1000);
  const payload = (cohort: Cohort, purpose: LinkPurpose, who: Participant, meeting: Meeting): LinkPayload =>
    ({ v: 1, id: newLinkId(), cohort: cohort.id, participant: who.id, purpose, meeting: meeting.id, exp: nowSeconds() + 30 * 24 * 3600 });
  /** Signed with the server's own secret: what only the product itself could have made. */
  const forged = (value: unknown) => {
    const text = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${text}.${createHmac('sha256', SECRET).update(text).digest('base64url')}`;
  };
  const change = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

  /** Tampered, expired, revoked, re-purposed under the old signature: every purpose's page refuses them alike. */
  const spoilings: Spoiling[] = [
    ['a payload byte changed', 'bad_signature', async (good) => change(signLink(SECRET, good), 12)],
    ['the signature changed', 'bad_signature', async (good) => { const t = signLink(SECRET, good); return change(t, t.length - 4); }],
    ['the payload re-signed with another secret', 'bad_signature', async (good) => signLink('some-other-secret-some-other-secret-00', good)],
    ['another purpose under the old signature', 'bad_signature', async (good) => {
      const [, signature] = signLink(SECRET, good).split('.');
      return `${Buffer.from(JSON.stringify({ ...good, purpose: good.purpose === 'rsvp' ? 'booking' : 'rsvp' })).toString('base64url')}.${signature}`;
    }],
    ['its expiry passed', 'expired', async (good) => {
      const token = signLink(SECRET, { ...good, exp: nowSeconds() + 60 });
      clock.advance(61_000);
      return token;
    }],
    ['its id revoked', 'revoked', async (good) => {
      await revokeLink(fixture.store.db, good.id, clock.now());
      return signLink(SECRET, good);
    }],
  ];

  return {
    logged,
    spoilings,
    payload,
    forged,
    token: (cohort: Cohort, purpose: LinkPurpose, who: Participant, meeting: Meeting) => signLink(SECRET, payload(cohort, purpose, who, meeting)),
    get: (token: string) => fetch(`${server.url}/l/${token}`),
    post: (token: string, form: Record<string, string>) =>
      fetch(`${server.url}/l/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() }),
    stored: async (cohort: Cohort) => (await fixture.store.cohorts.load(cohort.id))!,
  };
}

/** The one page every refused link gets: the visitor cannot tell why, and the link's secret is not in it. */
export async function expectInvalidLink(res: Response): Promise<void> {
  expect(res.status).toBe(404);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const html = await res.text();
  expect(html).toContain('Linket er ikke gyldigt (længere)');
  expect(html).toContain('Kontakt de rådgivere, der sendte dig linket');
}
