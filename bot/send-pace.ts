/**
 * At most `limit` starts in any `windowMs`: Teams allows a bot about 50 operations a second per
 * tenant across all its conversations, conversations created included. One per process; several
 * instances each keep their own, and a 429 then holds the target back as the service asks.
 */
export class SendPace {
  private readonly starts: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
  ) {}

  async take(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.starts.length > 0 && this.starts[0]! <= now - this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await this.sleep(this.starts[0]! + this.windowMs - now);
    }
  }
}
