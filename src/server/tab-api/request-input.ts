import type { Request } from 'express';
import type { z } from 'zod';
import { HttpRefusal, InvalidRequest } from './api-errors';

/** Parses one part of the request, or refuses it with every problem and where it is (`body.start`). */
export function input<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'params' | 'query'): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new InvalidRequest(parsed.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message })));
}

const VERSION = /^"?(\d{1,9})"?$/;

/**
 * The meeting version the client read, from `If-Match: "3"` (a bare 3 too). Without one a change
 * could silently undo a colleague's, so it is required; `*` names no version and is refused alike.
 */
export function expectedVersion(req: Request): number {
  const match = VERSION.exec(req.get('If-Match')?.trim() ?? '');
  if (!match) throw new HttpRefusal('precondition_required');
  return Number(match[1]);
}
