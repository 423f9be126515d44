import type { Request } from 'express';
import type { z } from 'zod';
import { MUNICIPALITY_TAG } from '../../app/municipality-tag';
import { HttpRefusal, InvalidRequest } from './api-errors';

/** Parses one part of the request, or refuses it with every problem and where it is (`body.start`). */
export function input<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'params' | 'query'): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new InvalidRequest(parsed.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message })));
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
