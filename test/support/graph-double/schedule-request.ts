import { DateTime } from 'luxon';
import { eventTime, isResponse } from './event-input';
import { graphError, requestBodyRead, type GraphResponse, type RequestIds } from './graph-errors';

/** What a getSchedule body asks for, read as Graph reads it. */
export interface ScheduleQuery {
  schedules: string[];
  start: DateTime;
  end: DateTime;
  /** Minutes per character of `availabilityView`. */
  interval: number;
}

/** "Get free/busy schedule of Outlook calendar users and resources": up to 20 entities at once. */
const MAX_SCHEDULES = 20;
/** Graph's own words: "The allowed limit = 62 days". */
const MAX_DAYS = 62;
/** "calendar: getSchedule": default 30 minutes, minimum 5, maximum 1440. */
const INTERVAL = { default: 30, min: 5, max: 1440 };
const DAY_MS = 24 * 60 * 60_000;

/** The action's parameters, matched without case: the reference writes `schedules`, the guide and the CSDL `Schedules`. */
const PARAMETERS = new Map(['schedules', 'startTime', 'endTime', 'availabilityViewInterval'].map((name) => [name.toLowerCase(), name]));

type Parameters = Partial<Record<'schedules' | 'startTime' | 'endTime' | 'availabilityViewInterval', unknown>>;

function parametersOf(body: unknown, ids: RequestIds): Parameters | GraphResponse {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return requestBodyRead('The parameters of getSchedule must be a JSON object.', ids);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const known = PARAMETERS.get(name.toLowerCase());
    if (!known) return requestBodyRead(`The parameter '${name}' in the request payload is not a valid parameter for the operation 'getSchedule'.`, ids);
    out[known] = value;
  }
  return out as Parameters;
}

function schedulesOf(value: unknown, ids: RequestIds): string[] | GraphResponse {
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) return requestBodyRead("The parameter 'Schedules' must be a collection of strings.", ids);
  // Chosen: Microsoft documents no answer to an empty list.
  if (value.length === 0) return graphError(400, 'ErrorInvalidRequest', "Your request can't be completed. At least one schedule must be given.", ids);
  if (value.length > MAX_SCHEDULES) {
    // Graph's code and wording (as clients report them, with the service's own limit of 100), at the documented limit.
    return graphError(400, 'ErrorMailboxDataArrayTooBig', `There are too many target users in the EmailAddress array. The allowed size = ${MAX_SCHEDULES}; the actual size = ${value.length}.`, ids);
  }
  return value as string[];
}

function intervalOf(value: unknown, ids: RequestIds): number | GraphResponse {
  if (value === undefined || value === null) return INTERVAL.default;
  // The guide sends it as a string ("15"); OData reads a numeric string as Int32 too.
  const minutes = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes)) return requestBodyRead(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.Int32'.`, ids);
  if (minutes < INTERVAL.min || minutes > INTERVAL.max) {
    // Chosen: the reference states the bounds but not the refusal.
    return graphError(400, 'ErrorInvalidRequest', `Your request can't be completed. availabilityViewInterval must be between ${INTERVAL.min} and ${INTERVAL.max}.`, ids);
  }
  return minutes;
}

/**
 * A getSchedule body, or the 400 Graph gives it: unknown parameters, more than 20 schedules, a
 * zone Outlook does not know, an end not after the start (`ErrorInvalidTimeInterval`), a period
 * over 62 days counted in whole days of real time (`ErrorTimeIntervalTooBig`, as Graph words it).
 */
export function scheduleQuery(body: unknown, ids: RequestIds): ScheduleQuery | GraphResponse {
  const parameters = parametersOf(body, ids);
  if (isResponse(parameters)) return parameters;
  const schedules = schedulesOf(parameters.schedules, ids);
  if (isResponse(schedules)) return schedules;
  const start = eventTime(parameters.startTime, ids);
  if (isResponse(start)) return start;
  const end = eventTime(parameters.endTime, ids);
  if (isResponse(end)) return end;
  const interval = intervalOf(parameters.availabilityViewInterval, ids);
  if (isResponse(interval)) return interval;
  const from = Date.parse(start.utc);
  const to = Date.parse(end.utc);
  if (to <= from) return graphError(400, 'ErrorInvalidTimeInterval', 'The time duration specified for FreeBusyViewOptions.TimeWindow is invalid.', ids);
  const days = Math.ceil((to - from) / DAY_MS);
  if (days > MAX_DAYS) {
    return graphError(400, 'ErrorTimeIntervalTooBig', `The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = ${MAX_DAYS} days; the actual limit = ${days} days.`, ids);
  }
  return { schedules, start: DateTime.fromISO(start.utc, { zone: 'utc' }), end: DateTime.fromISO(end.utc, { zone: 'utc' }), interval };
}
