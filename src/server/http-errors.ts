import type { Response } from 'express';
import type { Texts } from '../domain/errors';

/** Errors of the HTTP edge itself, before any use-case runs; domain errors have their own catalogue. */
export type HttpErrorCode = 'not_found' | 'malformed_json' | 'body_too_large' | 'unsupported_body' | 'bad_request' | 'internal';

const CATALOGUE: Record<HttpErrorCode, { status: number; text: Texts }> = {
  not_found: { status: 404, text: { da: 'Adressen findes ikke', en: 'No such address' } },
  malformed_json: { status: 400, text: { da: 'Indholdet er ikke gyldig JSON', en: 'The body is not valid JSON' } },
  body_too_large: { status: 413, text: { da: 'Indholdet er for stort (højst 100 kB)', en: 'The body is too large (at most 100 kB)' } },
  unsupported_body: { status: 415, text: { da: 'Indholdets tegnsæt eller kodning understøttes ikke', en: 'The body’s charset or encoding is not supported' } },
  bad_request: { status: 400, text: { da: 'Forespørgslen kunne ikke læses', en: 'The request could not be read' } },
  internal: { status: 500, text: { da: 'Der skete en fejl på serveren', en: 'Something went wrong on the server' } },
};

export interface ErrorBody {
  error: { code: HttpErrorCode; message: Texts };
}

export function sendError(res: Response, code: HttpErrorCode): void {
  const { status, text } = CATALOGUE[code];
  const body: ErrorBody = { error: { code, message: text } };
  res.status(status).json(body);
}
