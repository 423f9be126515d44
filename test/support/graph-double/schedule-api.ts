import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { InFlight, Tally } from './counts';
import type { EventStore } from './event-store';
import { preferredZone } from './event-view';
import { itemFaultAnswer } from './faults';
import type { ApiRequest, Outcome, User } from './graph-api';
import { accessDenied, blockedByPolicy, type Caller } from './graph-auth';
import { graphError, ok, type GraphResponse, type RequestIds } from './graph-errors';
import type { Settings } from './options';
import { scheduleQuery, type ScheduleQuery } from './schedule-request';
import { freeBusyOf, scheduleError, scheduleInformation, type CalendarItem, type FreeBusy } from './schedule-view';
import { ianaZone, instantOf } from './time-zones';

export interface ScheduleDeps {
  store: EventStore;
  users: User[];
  settings: () => Settings;
  tally: Tally;
  inFlight: InFlight;
  graphUrl: () => string;
}

/** A busy block a test puts straight into a calendar, without an event. */
export interface BusyBlockOptions {
  /** Local date and time in `timeZone`, e.g. `2027-03-22T09:00`. */
  start: string;
  end: string;
  /** Windows or IANA name; Europe/Copenhagen when left out. */
  timeZone?: string;
  status?: FreeBusy;
  subject?: string;
}

/** One getSchedule request as the double received it, and what it answered. */
export interface ScheduleLookup {
  /** The mailbox in the URL, as given. */
  via: string;
  status: number;
  /** When it was answered, ms since the epoch. */
  at: number;
  /** The rest only when the body could be read. */
  schedules?: string[];
  /** UTC, ISO. */
  start?: string;
  end?: string;
}

/** Application permissions that let an app look up free/busy time ("calendar: getSchedule", v1.0). */
const READ = ['Calendars.ReadBasic.All', 'Calendars.Read', 'Calendars.ReadWrite'];

/** `/users/{id}/calendar/getSchedule` (segments matched without case, as Graph does): the user, else null. */
export function schedulePath(url: string): { user: string } | null {
  let segments: string[];
  try {
    segments = url.split('?')[0]!.replace(/^\//, '').split('/').map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  const [users, user, calendar, action, ...more] = segments;
  const matches = users?.toLowerCase() === 'users' && calendar?.toLowerCase() === 'calendar' && action?.toLowerCase() === 'getschedule';
  return matches && user && more.length === 0 ? { user } : null;
}

/**
 * "calendar: getSchedule": the free/busy time of up to 20 users over at most 62 days, from their
 * events (`showAs`, busy when unset; cancelled and deleted ones left out) and from blocks tests add.
 * A schedule the tenant has no mailbox for gets an `error` of its own, the others their items;
 * item faults, mailbox concurrency and latency apply as to any request to the mailbox in the URL.
 */
export class ScheduleApi {
  private readonly blocks = new Map<string, { id: string; mailbox: string; item: CalendarItem }>();
  private readonly seen: ScheduleLookup[] = [];

  constructor(private readonly deps: ScheduleDeps) {}

  /** Puts a busy block in a user's calendar; returns its id, for `unblock`. */
  block(upn: string, options: BusyBlockOptions): string {
    const zone = ianaZone(options.timeZone ?? 'Europe/Copenhagen');
    const start = zone && instantOf(options.start, zone);
    const end = zone && instantOf(options.end, zone);
    if (!start || !end || end <= start) throw new Error(`not a busy block: ${JSON.stringify(options)}`);
    const id = randomUUID();
    const item: CalendarItem = { start, end, status: options.status ?? 'busy', isPrivate: false, subject: options.subject ?? null, location: null };
    this.blocks.set(id, { id, mailbox: upn.toLowerCase(), item });
    return id;
  }

  unblock(id: string): void {
    if (!this.blocks.delete(id)) throw new Error(`no busy block ${id}`);
  }

  lookups(): ScheduleLookup[] {
    return this.seen.map((l) => structuredClone(l));
  }

  async execute(path: { user: string }, request: ApiRequest, caller: Caller, ids: RequestIds, faultKey: string): Promise<Outcome> {
    const { response, query } = await this.answer(path, request, caller, ids, faultKey);
    const asked = query ? { schedules: query.schedules, start: query.start.toISO()!, end: query.end.toISO()! } : {};
    this.seen.push({ via: path.user, status: response.status, at: Date.now(), ...asked });
    return { response, wrote: false };
  }

  private async answer(path: { user: string }, request: ApiRequest, caller: Caller, ids: RequestIds, faultKey: string): Promise<{ response: GraphResponse; query?: ScheduleQuery }> {
    const refuse = (response: GraphResponse) => ({ response });
    if (request.method.toUpperCase() !== 'POST') return refuse(graphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request target.', ids));
    if (!caller.roles.some((role) => READ.includes(role))) return refuse(accessDenied(ids));
    const user = this.user(path.user);
    if (!user) return refuse(graphError(404, 'ErrorInvalidUser', `The requested user '${path.user}' is invalid.`, ids));
    if (user.kind === 'noMailbox') return refuse(graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.', ids));
    if (user.accessPolicyDenied) return refuse(blockedByPolicy(ids));
    const settings = this.deps.settings();
    const key = user.upn.toLowerCase();
    const leave = this.deps.inFlight.enterRequest(key);
    try {
      if (this.deps.inFlight.requests(key) > settings.mailboxConcurrency) {
        this.deps.tally.throttled++;
        this.deps.tally.concurrencyThrottled++;
        return refuse(graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', ids, { 'Retry-After': String(settings.retryAfterSeconds) }));
      }
      const fault = itemFaultAnswer(settings, this.deps.tally, key, faultKey, ids);
      if (fault) return refuse(fault);
      if (settings.latencyMs > 0) await new Promise((done) => setTimeout(done, settings.latencyMs));
      const query = scheduleQuery(request.body, ids);
      if ('status' in query) return refuse(query);
      return { response: this.schedules(query, preferredZone(request.headers.prefer) ?? 'UTC'), query };
    } finally {
      leave();
    }
  }

  private schedules(query: ScheduleQuery, zone: string): GraphResponse {
    const value = query.schedules.map((address) => {
      const user = this.deps.users.find((u) => [u.upn, u.mail].some((a) => a?.toLowerCase() === address.trim().toLowerCase()));
      if (!user) return scheduleError(address, `Unable to resolve e-mail address ${address} to an Active Directory object.`, '5009');
      // Chosen: Microsoft documents no answer for a user without an Exchange Online mailbox.
      if (user.kind === 'noMailbox') return scheduleError(address, `The mailbox of ${address} is not hosted in Exchange Online.`, 'ErrorMailRecipientNotFound');
      return scheduleInformation(address, this.itemsOf(user), query, zone);
    });
    return ok(200, { '@odata.context': `${this.deps.graphUrl()}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`, value });
  }

  private itemsOf(user: User): CalendarItem[] {
    const events = this.deps.store.calendar(user).map((e): CalendarItem => {
      const location = (e.other.location as { displayName?: string } | null | undefined)?.displayName ?? null;
      return {
        start: DateTime.fromISO(e.start.utc, { zone: 'utc' }),
        end: DateTime.fromISO(e.end.utc, { zone: 'utc' }),
        status: freeBusyOf(e.other.showAs),
        isPrivate: String(e.other.sensitivity ?? '').toLowerCase() === 'private',
        subject: e.subject,
        location,
      };
    });
    const blocks = [...this.blocks.values()].filter((b) => b.mailbox === user.upn.toLowerCase()).map((b) => b.item);
    return [...events, ...blocks];
  }

  private user(idOrUpn: string): User | undefined {
    const wanted = idOrUpn.toLowerCase();
    return this.deps.users.find((u) => u.upn.toLowerCase() === wanted || u.id.toLowerCase() === wanted);
  }
}
