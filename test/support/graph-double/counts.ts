/** What the double counts on its own, so a test judges the product by what the service saw. */
export interface Tally {
  /** POSTs to the token endpoint, answered or refused. */
  tokenRequests: number;
  tokensIssued: number;
  /** HTTP requests under /v1.0, a `$batch` counting once. */
  graphCalls: number;
  batches: number;
  /** Requests inside batches. */
  batchItems: number;
  maxItemsPerBatch: number;
  /** Batches refused whole for holding more than 20 requests. */
  tooLargeBatches: number;
  eventsCreated: number;
  /** Creates refused with ErrorDuplicateTransactionId: the event already existed. */
  duplicateCreatesRefused: number;
  eventsUpdated: number;
  eventsCancelled: number;
  eventsDeleted: number;
  /** Invitations, updates and cancellations "sent" to attendees. */
  notifications: number;
  /** Teams apps installed in users' personal scope. */
  appsInstalled: number;
  /** Installs answered 409: the app was installed already. */
  installConflicts: number;
  /** Installs refused with 403 for a user a policy or missing licence keeps from the app. */
  installsRefused: number;
  /** Teams made by "Create team" (202 Accepted). */
  teamsCreated: number;
  /** Mail drafts created ("Create message"). */
  draftsCreated: number;
  /** Messages sent ("message: send"): each delivered to its recipients once. */
  mailsSent: number;
  /** Writes carried out whose answers never reached the client (connection destroyed, or a 504). */
  answersLost: number;
  throttled: number;
  /** 429s for going over the mailbox's concurrency limit, included in `throttled`. */
  concurrencyThrottled: number;
  unavailable: number;
  callsUnavailable: number;
  callsTimedOut: number;
  callsHung: number;
  callsReset: number;
  callsLost: number;
  /**
   * Most requests (batch items count one each) running at once in any one mailbox, those refused for
   * going over counting too, so a product that overlaps batches shows it; Outlook allows 4.
   */
  maxInFlightPerMailbox: number;
  /** Most calls (a batch counting once) touching one mailbox at once; the product promises 1. */
  maxCallsInFlightPerMailbox: number;
}

export interface Counts extends Tally {
  /** Events neither cancelled nor deleted. */
  liveEvents: number;
  /** Booking keys (see GraphDoubleOptions.bookingKeyOf) with more than one live event, and how many. */
  liveDuplicates: Record<string, number>;
  /** transactionIds held by more than one live event in one mailbox: must stay 0. */
  duplicateTransactionIds: number;
  perMailbox: Record<string, { maxInFlight: number; maxCallsInFlight: number }>;
  /** Requests to the login host it does not serve, `METHOD /path`: a client wanting more than the double models. */
  unservedLoginRequests: string[];
}

export function emptyTally(): Tally {
  return {
    tokenRequests: 0, tokensIssued: 0, graphCalls: 0, batches: 0, batchItems: 0, maxItemsPerBatch: 0, tooLargeBatches: 0,
    eventsCreated: 0, duplicateCreatesRefused: 0, eventsUpdated: 0, eventsCancelled: 0, eventsDeleted: 0, notifications: 0,
    appsInstalled: 0, installConflicts: 0, installsRefused: 0, teamsCreated: 0, draftsCreated: 0, mailsSent: 0,
    answersLost: 0, throttled: 0, concurrencyThrottled: 0, unavailable: 0,
    callsUnavailable: 0, callsTimedOut: 0, callsHung: 0, callsReset: 0, callsLost: 0,
    maxInFlightPerMailbox: 0, maxCallsInFlightPerMailbox: 0,
  };
}

/** Requests and calls in flight per mailbox, with the highest each reached. */
export class InFlight {
  private readonly now = new Map<string, { requests: number; calls: number }>();
  readonly peaks = new Map<string, { maxInFlight: number; maxCallsInFlight: number }>();

  constructor(private readonly tally: Tally) {}

  requests(mailbox: string): number {
    return this.now.get(mailbox)?.requests ?? 0;
  }

  /** A request starts running in the mailbox; the returned function ends it. */
  enterRequest(mailbox: string): () => void {
    const entry = this.entry(mailbox);
    entry.requests++;
    const peak = this.peak(mailbox);
    peak.maxInFlight = Math.max(peak.maxInFlight, entry.requests);
    this.tally.maxInFlightPerMailbox = Math.max(this.tally.maxInFlightPerMailbox, entry.requests);
    return once(() => entry.requests--);
  }

  /** A call reaches the mailboxes it touches; the returned function ends it, once, however often called. */
  enterCall(mailboxes: Iterable<string>): () => void {
    const entries = [...new Set(mailboxes)].map((mailbox) => {
      const entry = this.entry(mailbox);
      entry.calls++;
      const peak = this.peak(mailbox);
      peak.maxCallsInFlight = Math.max(peak.maxCallsInFlight, entry.calls);
      this.tally.maxCallsInFlightPerMailbox = Math.max(this.tally.maxCallsInFlightPerMailbox, entry.calls);
      return entry;
    });
    return once(() => entries.forEach((entry) => entry.calls--));
  }

  private entry(mailbox: string) {
    let entry = this.now.get(mailbox);
    if (!entry) this.now.set(mailbox, (entry = { requests: 0, calls: 0 }));
    return entry;
  }

  private peak(mailbox: string) {
    let peak = this.peaks.get(mailbox);
    if (!peak) this.peaks.set(mailbox, (peak = { maxInFlight: 0, maxCallsInFlight: 0 }));
    return peak;
  }
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
