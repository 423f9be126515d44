import type { ErrorRequestHandler } from 'express';
import { isDomainError, type ErrorCode } from '../../domain/errors';
import { sendError, type HttpErrorCode, type Problem } from '../http-errors';

/** The request's input did not parse: each problem with where it is. */
export class InvalidRequest extends Error {
  constructor(readonly problems: Problem[]) {
    super('invalid request');
    this.name = 'InvalidRequest';
  }
}

/** An HTTP-level refusal raised inside a route (a missing If-Match), rendered from the edge's catalogue. */
export class HttpRefusal extends Error {
  constructor(readonly code: HttpErrorCode) {
    super(code);
    this.name = 'HttpRefusal';
  }
}

/**
 * The one mapping of the domain's refusals to HTTP: conflicts with another change are 409, a change
 * against an old version 412, unknown ids 404, a role that may not 403; every other rule the
 * domain enforces is a well-formed request it will not carry out, 422.
 */
const STATUS: Partial<Record<ErrorCode, number>> = {
  concurrent_change: 409,
  slot_taken: 409,
  stale_version: 412,
  unknown_cohort: 404,
  unknown_meeting: 404,
  unknown_municipality: 404,
  unknown_participant: 404,
  not_permitted: 403,
};

export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 422;

/** Renders the tab API's refusals; anything else goes on to the app's handler, which logs it as ours. */
export const apiErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof InvalidRequest) return sendError(res, 'invalid_request', error.problems);
  if (error instanceof HttpRefusal) return sendError(res, error.code);
  if (!isDomainError(error)) return next(error);
  res.status(statusOf(error.code)).json({ error: { code: error.code, message: error.text, ...(error.path ? { path: error.path } : {}) } });
};
