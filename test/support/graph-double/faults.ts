import type { Tally } from './counts';
import { graphError, type GraphResponse, type RequestIds } from './graph-errors';
import type { CallFault, Settings } from './options';

/** FNV-1a then one mulberry32 step: a repeatable number in [0, 1) per string, whatever order calls arrive in. */
export function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** What befalls the call that arrived `seq`-th: the next scripted fault, else one drawn from the rates. */
export function callFault(settings: Settings, seq: number, request = ''): CallFault | null {
  const aimed = settings.nextCallsFor.findIndex((f) => new RegExp(f.match).test(request));
  if (aimed >= 0) return settings.nextCallsFor.splice(aimed, 1)[0]!.fault;
  const scripted = settings.nextCalls.shift();
  if (scripted !== undefined) return scripted;
  const draw = unit(`${settings.seed}:call:${seq}`);
  let edge = 0;
  for (const [fault, rate] of Object.entries(settings.callFaultRates) as [CallFault, number][]) {
    edge += rate;
    if (draw < edge) return fault;
  }
  return null;
}

/** A 429 or 503 for one request, from its mailbox's rates or the global ones. */
export function itemFault(settings: Settings, mailbox: string, key: string): 'throttle' | 'unavailable' | null {
  const rates = settings.mailboxes[mailbox] ?? settings;
  const draw = unit(`${settings.seed}:item:${key}`);
  const throttle = rates.throttleRate ?? 0;
  if (draw < throttle) return 'throttle';
  return draw < throttle + (rates.unavailableRate ?? 0) ? 'unavailable' : null;
}

/** The per-item fault drawn for this request, answered and counted as Graph would; null when there is none. */
export function itemFaultAnswer(settings: Settings, tally: Tally, mailbox: string, key: string, ids: RequestIds): GraphResponse | null {
  const fault = itemFault(settings, mailbox, key);
  const retryAfter = { 'Retry-After': String(settings.retryAfterSeconds) };
  if (fault === 'throttle') {
    tally.throttled++;
    return graphError(429, 'TooManyRequests', 'Too many requests, retry after the time Retry-After gives.', ids, retryAfter);
  }
  if (fault === 'unavailable') {
    tally.unavailable++;
    return graphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.', ids, retryAfter);
  }
  return null;
}
