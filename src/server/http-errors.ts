import type { Response } from 'express';
import type { Texts } from '../domain/errors';

/** Errors of the HTTP edge itself, before any use-case runs; domain errors have their own catalogue. */
export type HttpErrorCode =
  | 'not_found'
  | 'malformed_json'
  | 'body_too_large'
  | 'unsupported_body'
  | 'bad_request'
  | 'invalid_request'
  | 'unauthenticated'
  | 'demo_user_required'
  | 'precondition_required'
  | 'sign_in_unavailable'
  | 'not_empty'
  | 'internal';

const CATALOGUE: Record<HttpErrorCode, { status: number; text: Texts }> = {
  not_found: { status: 404, text: { da: 'Adressen findes ikke', en: 'No such address' } },
  malformed_json: { status: 400, text: { da: 'Indholdet er ikke gyldig JSON', en: 'The body is not valid JSON' } },
  body_too_large: { status: 413, text: { da: 'Indholdet er for stort (højst 100 kB)', en: 'The body is too large (at most 100 kB)' } },
  unsupported_body: { status: 415, text: { da: 'Indholdets tegnsæt eller kodning understøttes ikke', en: 'The body’s charset or encoding is not supported' } },
  bad_request: { status: 400, text: { da: 'Forespørgslen kunne ikke læses', en: 'The request could not be read' } },
  invalid_request: { status: 400, text: { da: 'Forespørgslen indeholder fejl; se problems', en: 'The request has mistakes; see problems' } },
  unauthenticated: {
    status: 401,
    text: { da: 'Du er ikke logget ind, eller dit login er udløbet. Åbn fanen i Teams igen.', en: 'You are not signed in, or your sign-in has expired. Open the tab in Teams again.' },
  },
  demo_user_required: {
    status: 401,
    text: { da: 'Vælg en demobruger: angiv personens e-mailadresse i X-Demo-User', en: 'Choose a demo user: give their e-mail address in X-Demo-User' },
  },
  precondition_required: {
    status: 428,
    text: { da: 'Angiv den version, du ændrer, i If-Match (fx "3")', en: 'Give the version you are changing in If-Match (e.g. "3")' },
  },
  sign_in_unavailable: {
    status: 503,
    text: { da: 'Login kan ikke kontrolleres lige nu; prøv igen om lidt', en: 'Sign-in cannot be checked right now; try again shortly' },
  },
  not_empty: {
    status: 409,
    text: { da: 'Der er allerede gruppeforløb her: eksemplerne indlæses kun i en tom installation', en: 'There are group programmes here already: the examples are loaded into an empty installation only' },
  },
  internal: { status: 500, text: { da: 'Der skete en fejl på serveren', en: 'Something went wrong on the server' } },
};

/** What was wrong with which part of the input: `path` as dotted keys (`body.start`, `params.id`). */
export interface Problem {
  path: string;
  message: string;
  /** The message in Danish and English, where the validator has words in both. */
  texts?: Texts;
}

export interface ErrorBody {
  error: { code: HttpErrorCode; message: Texts; problems?: Problem[] };
}

export function sendError(res: Response, code: HttpErrorCode, problems?: Problem[]): void {
  const { status, text } = CATALOGUE[code];
  const body: ErrorBody = { error: { code, message: text, ...(problems ? { problems } : {}) } };
  res.status(status).json(body);
}
