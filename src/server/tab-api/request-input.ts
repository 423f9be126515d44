import type { Request } from 'express';
import type { z } from 'zod';
import { da, en } from 'zod/v4/locales';
import type { Texts } from '../../domain/errors';
import { MUNICIPALITY_TAG } from '../../app/municipality-tag';
import { HttpRefusal, InvalidRequest } from './api-errors';

const DANISH = da().localeError;
const ENGLISH = en().localeError;
const wordsOf = (said: ReturnType<typeof ENGLISH>) => (typeof said === 'string' ? said : said?.message);

/**
 * zod's own words for an issue in Danish and English; null for a message a schema wrote itself,
 * which has no Danish twin to offer.
 */
function textsOf(issue: z.core.$ZodIssue): Texts | null {
  // The locales word an issue from its raw form, whose input (kept by reportInput) names what came.
  const raw = issue as Parameters<typeof ENGLISH>[0];
  const english = wordsOf(ENGLISH(raw));
  const danish = wordsOf(DANISH(raw));
  return english === issue.message && danish !== undefined ? { da: danish, en: english } : null;
}

/** Parses one part of the request, or refuses it with every problem and where it is (`body.start`). */
export function input<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'params' | 'query'): z.output<S> {
  // reportInput lets the locales say what was sent; the input itself never goes into the answer.
  const parsed = schema.safeParse(value ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new InvalidRequest(
    parsed.error.issues.map((issue) => {
      const texts = textsOf(issue);
      return { path: [where, ...issue.path.map(String)].join('.'), message: issue.message, ...(texts ? { texts } : {}) };
    }),
  );
}

/** One token, quoted as an ETag (`"3"`) or bare (3). */
const TOKEN = /^"?([^"]*)"?$/;

/**
 * What the client read, from If-Match: a meeting's version or a municipality's tag, as the route
 * says by `shape`. Without one a change could silently undo a colleague's, so it is required; `*`,
 * a list or a token of another shape names nothing the route can compare and is refused alike.
 */
function ifMatch(req: Request, shape: RegExp): string {
  const token = TOKEN.exec(req.get('If-Match')?.trim() ?? '')?.[1] ?? '';
  if (!shape.test(token)) throw new HttpRefusal('precondition_required');
  return token;
}

/** The meeting version the client read, from `If-Match: "3"` (a bare 3 too). */
export const expectedVersion = (req: Request): number => Number(ifMatch(req, /^\d{1,9}$/));

/** The municipality's tag the client read (its `version`, the registration's ETag). */
export const expectedTag = (req: Request): string => ifMatch(req, MUNICIPALITY_TAG);
