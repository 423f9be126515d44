import { createHmac } from 'node:crypto';
import { decodeLink, newLinkId, signLink, type LinkPayload } from '../../src/links/link-token';

const SECRET = 'a-test-link-secret-of-at-least-32-chars';
const payload: LinkPayload = { v: 1, id: newLinkId(), cohort: 'c-1', participant: 'p-1', purpose: 'rsvp', meeting: 'm-1', exp: 1_900_000_000 };

/** Replaces one character with another of the base64url alphabet. */
function flip(text: string, at: number): string {
  const c = text[at] === 'A' ? 'B' : 'A';
  return text.slice(0, at) + c + text.slice(at + 1);
}

describe('signed link tokens', () => {
  it('round-trips the payload', () => {
    expect(decodeLink(SECRET, signLink(SECRET, payload))).toEqual({ ok: true, payload });
  });

  it('makes link ids of 128 random bits, never the same twice', () => {
    const ids = new Set(Array.from({ length: 1000 }, newLinkId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(Buffer.from(id, 'base64url')).toHaveLength(16);
  });

  const token = signLink(SECRET, payload);
  const [encoded, signature] = token.split('.') as [string, string];
  const otherPayload = Buffer.from(JSON.stringify({ ...payload, participant: 'p-2' })).toString('base64url');

  it.each([
    ['a payload byte changed', `${flip(encoded, 10)}.${signature}`, 'bad_signature'],
    ['the signature changed', `${encoded}.${flip(signature, 5)}`, 'bad_signature'],
    ['another payload under the old signature', `${otherPayload}.${signature}`, 'bad_signature'],
    ['truncated', token.slice(0, -3), 'bad_signature'],
    ['only the payload', encoded, 'malformed'],
    ['an extra part', `${token}.x`, 'malformed'],
    ['re-signed with another secret', signLink('another-secret-another-secret-another', payload), 'bad_signature'],
    ['far too long', `${encoded}.${'A'.repeat(2000)}`, 'malformed'],
    ['empty', '', 'malformed'],
  ])('refuses a token with %s', (_case, tampered, reason) => {
    expect(decodeLink(SECRET, tampered)).toEqual({ ok: false, reason });
  });

  it('refuses a correctly signed payload that is not a link payload (strict parse)', () => {
    const signed = (json: string) => {
      const text = Buffer.from(json).toString('base64url');
      return `${text}.${createHmac('sha256', SECRET).update(text).digest('base64url')}`;
    };
    expect(signed(JSON.stringify(payload))).toBe(token);
    for (const value of [{ ...payload, extra: true }, { ...payload, purpose: 'admin' }, { ...payload, v: 2 }, { ...payload, exp: '1900000000' }, 'not an object']) {
      expect(decodeLink(SECRET, signed(JSON.stringify(value)))).toEqual({ ok: false, reason: 'bad_payload' });
    }
    expect(decodeLink(SECRET, signed('{oops'))).toEqual({ ok: false, reason: 'bad_payload' });
  });
});
