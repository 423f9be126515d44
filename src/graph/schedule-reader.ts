import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { OutlookUnreadable } from '../calendar/outlook-responses';
import { mailboxKey, type BusyBlock, type MailboxSchedule, type OutlookSchedules } from '../calendar/outlook-schedules';
import { joinRanges, type TimeRange } from '../calendar/time-ranges';
import { GRAPH_TIME_ZONE, graphTime } from './event-payload';
import { retryAfterMs, type Answer } from './graph-failures';
import type { TokenSource } from './graph-tokens';
import { schedulesOf } from './schedule-answer';
import { isWorthRetrying, scheduleRefusal } from './schedule-failures';
import { dayChunks, groupsOf, MAX_SCHEDULES } from './schedule-limits';
import { TokenError } from './token-errors';

export interface GraphScheduleReaderOptions {
  client: Client;
  tokens: TokenSource;
  /** How a wait for Graph is spent; real time unless a test says otherwise. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The slot length of `availabilityView`. The product reads `scheduleItems`, not the view, so the
 * view only costs bytes; an hour, the length of a booked slot, keeps it short and still readable
 * in a trace.
 */
const VIEW_INTERVAL_MINUTES = 60;
/** A hung call must not hold the periodic read (which never runs twice at once) until the process stops. */
const CALL_TIMEOUT_MS = 30_000;
const MAX_TRIES = 4;
/**
 * Waiting out throttling within one round, at most this long per call: the read runs in the
 * background, but a longer wait would hold up shutdown, and the next round comes anyway.
 */
const MAX_WAIT_MS = 30_000;

const sleepFor = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    // A proxy's HTML error page, say: the status then says all there is.
    return null;
  }
}

type Found = { busy: BusyBlock[] } | { reason: string };

/**
 * Reads advisors' free/busy time through Graph's getSchedule (`POST /users/{via}/calendar/getSchedule`):
 * at most 20 schedules and 61 days per call, one call at a time (Outlook counts each against the
 * mailbox it goes through), times asked and answered in Copenhagen's zone. A mailbox Outlook
 * cannot look up (unknown, no permission) keeps its reason without failing the others. Throttling
 * and outages are waited out as `Retry-After` says, within a bound; past it, or on a refusal of
 * the call itself, the whole read fails with OutlookUnreadable and the next round tries again.
 */
export class GraphScheduleReader implements OutlookSchedules {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: GraphScheduleReaderOptions) {
    this.sleep = options.sleep ?? sleepFor;
  }

  async read(via: string, mailboxes: readonly string[], ranges: readonly TimeRange[]): Promise<Map<string, MailboxSchedule>> {
    const asked = [...new Map(mailboxes.map((m) => [mailboxKey(m), m.trim()])).values()];
    const found = new Map<string, Found>(asked.map((m) => [mailboxKey(m), { busy: [] }]));
    if (asked.length === 0 || ranges.length === 0) return this.schedules(found);
    await this.checkCredential(via);
    for (const chunk of ranges.flatMap((range) => dayChunks(range))) {
      for (const group of groupsOf(asked, MAX_SCHEDULES)) {
        for (const [key, schedule] of await this.lookUp(via, group, chunk)) {
          const before = found.get(key);
          if (before && 'busy' in before) found.set(key, schedule.ok ? { busy: [...before.busy, ...schedule.busy] } : { reason: schedule.reason });
        }
      }
    }
    return this.schedules(found);
  }

  /** Blocks cut at the calls' edges joined again; a mailbox that failed in any call keeps its first reason. */
  private schedules(found: Map<string, Found>): Map<string, MailboxSchedule> {
    return new Map([...found].map(([key, f]): [string, MailboxSchedule] => [key, 'busy' in f ? { ok: true, busy: joinRanges(f.busy) } : { ok: false, reason: f.reason }]));
  }

  /** A credential Entra ID refuses says what to fix, rather than surfacing as "Graph could not be reached". */
  private async checkCredential(via: string): Promise<void> {
    try {
      await this.options.tokens.getAccessToken();
    } catch (error) {
      if (error instanceof TokenError) throw new OutlookUnreadable(via, error.message, { cause: error });
      throw error;
    }
  }

  private async lookUp(via: string, schedules: string[], range: TimeRange): Promise<Map<string, MailboxSchedule>> {
    const answer = await this.withRetries(via, () => this.post(via, schedules, range));
    if (answer.status < 200 || answer.status >= 300) throw new OutlookUnreadable(via, scheduleRefusal(answer, via));
    const read = schedulesOf(answer.body, schedules, range);
    if (read === null) throw new OutlookUnreadable(via, `Graphs svar på getSchedule kunne ikke læses / Graph's answer to getSchedule was unreadable (HTTP ${answer.status})`);
    return read;
  }

  /** The call again while Graph says to wait (or refused a token now renewed), until it answers, the tries run out or the wait would be too long. */
  private async withRetries(via: string, call: () => Promise<Answer>): Promise<Answer> {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const answer = await call();
      if (!isWorthRetrying(answer.status) || attempt >= MAX_TRIES) return answer;
      if (answer.status === 401) {
        this.options.tokens.invalidate();
        if (attempt > 1) return answer;
        continue;
      }
      const wait = retryAfterMs(answer.headers, Date.now()) ?? 1_000 * 2 ** (attempt - 1);
      if (waited + wait > MAX_WAIT_MS) return answer;
      waited += wait;
      await this.sleep(wait);
    }
  }

  private async post(via: string, schedules: string[], range: TimeRange): Promise<Answer> {
    let response: Response;
    try {
      response = (await this.options.client
        .api(`/users/${encodeURIComponent(via)}/calendar/getSchedule`)
        // Items then come in Copenhagen's own wall-clock time, as the programme keeps every time.
        .header('Prefer', `outlook.timezone="${GRAPH_TIME_ZONE}"`)
        .option('signal', AbortSignal.timeout(CALL_TIMEOUT_MS))
        .responseType(ResponseType.RAW)
        .post({ schedules, startTime: graphTime(range.start), endTime: graphTime(range.end), availabilityViewInterval: VIEW_INTERVAL_MINUTES })) as Response;
    } catch (error) {
      throw new OutlookUnreadable(via, `Graph kunne ikke nås / Graph could not be reached (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    return { status: response.status, headers: Object.fromEntries(response.headers), body: parseJson(await response.text()) };
  }
}
