import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What a link lets its holder do, for the one person and meeting it names: answer a plenary's RSVP,
 * report the municipality's presentation for a plenary, or (leaders) book an individual meeting.
 */
export const LINK_PURPOSES = ['rsvp', 'presentation', 'booking'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** 128 random bits, base64url: not guessable, and short enough to type into `revoke`. */
export const LINK_ID = /^[A-Za-z0-9_-]{22}$/;

/** Ids in a cohort are opaque strings; the bound only keeps a forged payload from being large. */
const cohortId = z.string().min(1).max(200);

const payloadSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().regex(LINK_ID),
  cohort: cohortId,
  participant: cohortId,
  purpose: z.enum(LINK_PURPOSES),
  meeting: cohortId,
  /** Epoch seconds. */
  exp: z.number().int().positive(),
});

export type LinkPayload = z.infer<typeof payloadSchema>;

/** Why a token was refused. Only the server's log sees it; the visitor sees one page for all of them. */
export type TokenRefusal = 'malformed' | 'bad_signature' | 'bad_payload';

export type Decoded = { ok: true; payload: LinkPayload } | { ok: false; reason: TokenRefusal };

/** Longer than any token this module signs: refused before any work is done on it. */
export const MAX_TOKEN_LENGTH = 1024;

export function newLinkId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The MAC covers the payload as it travels (its base64url text), not the decoded JSON: Node's
 * base64 decoder tolerates stray characters, so two texts could decode to the same bytes.
 */
function mac(secret: string, encodedPayload: string): string {
  return createHmac('sha256', secret).update(encodedPayload).digest('base64url');
}

export function signLink(secret: string, payload: LinkPayload): string {
  const encoded = Buffer.from(JSON.stringify(payloadSchema.parse(payload)), 'utf8').toString('base64url');
  return `${encoded}.${mac(secret, encoded)}`;
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Checks the signature in constant time, then the payload's shape; expiry and the rest are the caller's. */
export function decodeLink(secret: string, token: string): Decoded {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [encoded, signature] = parts as [string, string];
  if (!sameSignature(signature, mac(secret, encoded))) return { ok: false, reason: 'bad_signature' };
  const parsed = payloadSchema.safeParse(parseJson(Buffer.from(encoded, 'base64url').toString('utf8')));
  return parsed.success ? { ok: true, payload: parsed.data } : { ok: false, reason: 'bad_payload' };
}
