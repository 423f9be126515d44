/** At most `max` operations in any `seconds` long stretch of time. */
export interface RateWindow {
  seconds: number;
  max: number;
}

/**
 * The limits the double enforces, each a set of sliding windows. Defaults are the tables of
 * "Optimize your bot with rate limiting in Teams" (now "Rate limiting for agents"): per bot per
 * thread, and the global limit per app per tenant.
 */
export interface RateLimits {
  /** Messages sent, replied, updated or deleted in one conversation ("Send to conversation"). */
  perConversation: RateWindow[];
  /** Conversations created with one user ("Create conversation"), counted per resulting conversation. */
  createConversation: RateWindow[];
  /** Member lookups and roster pages of one conversation ("Get conversation members"). */
  memberReads: RateWindow[];
  /** Every call of the bot, whatever the conversation: the per app per tenant limit. */
  perBot: RateWindow[];
}

const THREAD_WRITES: RateWindow[] = [
  { seconds: 1, max: 7 },
  { seconds: 2, max: 8 },
  { seconds: 30, max: 60 },
  { seconds: 3600, max: 1800 },
];

export const TEAMS_RATE_LIMITS: RateLimits = {
  perConversation: THREAD_WRITES,
  createConversation: THREAD_WRITES,
  memberReads: [
    { seconds: 1, max: 14 },
    { seconds: 2, max: 16 },
    { seconds: 30, max: 120 },
    { seconds: 3600, max: 3600 },
  ],
  perBot: [{ seconds: 1, max: 50 }],
};

export interface BotConnectorDoubleOptions {
  /** The tenant of every user and conversation; a random GUID when left out. */
  tenantId?: string;
  /** The bot's Microsoft App ID (its id in Teams is `28:{botAppId}`); a random GUID when left out. */
  botAppId?: string;
  botName?: string;
  /** Serve HTTPS with a throw-away CA (`ca`, `caFile`) instead of plain HTTP. */
  tls?: boolean;
  /**
   * Decides whether the bearer token of a call is good. Given: a call without one, or with one it
   * refuses, is answered 401. Left out: calls need no token, as with the Bot Framework Emulator.
   */
  requireBearer?: (token: string) => boolean;
  /** Replaces some of the rate limits; the others keep Microsoft's numbers. */
  limits?: Partial<RateLimits>;
}
