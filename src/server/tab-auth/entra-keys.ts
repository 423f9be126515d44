import { z } from 'zod';
import type { CryptoKey, FlattenedJWSInput, JWSHeaderParameters } from 'jose' with { 'resolution-mode': 'import' };
import type { FetchJson } from './https-json';
import { jose } from './jose-module';

/** The key a token's header names, from the tenant's published key set. */
export type KeyLookup = (header: JWSHeaderParameters, token: FlattenedJWSInput) => Promise<CryptoKey>;

/** The tenant's keys could not be read: no token can be checked, whoever sent it. */
export class SignInUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Entra ID's signing keys could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SignInUnavailable';
  }
}

export interface EntraKeysOptions {
  /** `{authority}/{tenant}/v2.0/.well-known/openid-configuration`. */
  metadataUrl: string;
  fetchJson: FetchJson;
  /** Milliseconds since the epoch: the server's clock. */
  now: () => number;
}

/** Entra ID rolls its keys over days, announcing new ones ahead: reading twice a day keeps up. */
const MAX_AGE_MS = 12 * 3600_000;
/** A token with a key we do not know reloads the set, at most this often: forged kids cannot make us hammer Entra ID. */
const UNKNOWN_KID_COOLDOWN_MS = 60_000;
/** After a failed read, requests wait this long before the next try, rather than each trying again. */
const FAILED_READ_COOLDOWN_MS = 5_000;

const metadataSchema = z.object({ jwks_uri: z.url({ protocol: /^https$/ }) });
const keySetSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });

interface Loaded {
  select: KeyLookup;
  at: number;
}

/**
 * The tenant's signing keys, found through its OpenID metadata, cached, and read again when they
 * are old or a token names a key not among them (a rollover Entra ID made since the last read).
 */
export function entraKeys(options: EntraKeysOptions): KeyLookup {
  let current: Loaded | undefined;
  let reading: Promise<Loaded> | undefined;
  let lastRead = Number.NEGATIVE_INFINITY;
  let lastFailed = false;

  const read = async (): Promise<Loaded> => {
    lastRead = options.now();
    try {
      const metadata = metadataSchema.parse(await options.fetchJson(options.metadataUrl));
      const keySet = keySetSchema.parse(await options.fetchJson(metadata.jwks_uri));
      const { createLocalJWKSet } = await jose();
      lastFailed = false;
      return (current = { select: createLocalJWKSet(keySet), at: options.now() });
    } catch (error) {
      lastFailed = true;
      throw new SignInUnavailable(error);
    }
  };
  const reread = (): Promise<Loaded> => (reading ??= read().finally(() => (reading = undefined)));
  const since = () => options.now() - lastRead;

  const usable = async (): Promise<Loaded> => {
    if (current === undefined) {
      if (lastFailed && since() < FAILED_READ_COOLDOWN_MS) throw new SignInUnavailable(new Error('the last read failed moments ago'));
      return reread();
    }
    // Old keys still verify most tokens: a failed re-read keeps them rather than failing everyone.
    if (options.now() - current.at > MAX_AGE_MS && since() >= UNKNOWN_KID_COOLDOWN_MS) return reread().catch(() => current!);
    return current;
  };

  return async (header, token) => {
    const keys = await usable();
    try {
      return await keys.select(header, token);
    } catch (error) {
      const unknownKey = (error as { code?: unknown }).code === 'ERR_JWKS_NO_MATCHING_KEY';
      if (!unknownKey || since() < UNKNOWN_KID_COOLDOWN_MS) throw error;
      // A key Entra ID cannot be asked about stays unknown: the token is refused, not the service blamed.
      const fresh = await reread().catch(() => {
        throw error;
      });
      return fresh.select(header, token);
    }
  };
}
