import { randomBytes, randomUUID } from 'node:crypto';

/** A Teams user id as a bot sees it: `29:` and an opaque string, different for every bot. */
export const teamsUserId = (): string => `29:1${randomBytes(48).toString('base64url')}`;

/** A 1:1 chat between a user and a bot: `a:` and an opaque string. */
export const personalConversationId = (): string => `a:1${randomBytes(60).toString('base64url')}`;

/** A team's thread, which is also the id of its General channel. */
export const teamThreadId = (): string => `19:${randomUUID().replaceAll('-', '')}@thread.tacv2`;

/**
 * Teams message ids are the message's epoch milliseconds ("1493070356924" in Microsoft's samples);
 * two messages in the same millisecond get the next free number, so ids stay unique and ordered.
 */
export class MessageIds {
  private last = 0;

  next(now: number): string {
    this.last = Math.max(now, this.last + 1);
    return String(this.last);
  }
}
