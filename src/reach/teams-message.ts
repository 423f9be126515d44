import type { Reminder } from '../domain/reminders';
import type { ConversationReference } from './conversation-references';

/** The outbox kind of one proactive Teams message from the bot. */
export const TEAMS_MESSAGE_KIND = 'teams.message';

/**
 * One target per conversation: the outbox paces and leases per target, and Teams limits messages
 * per conversation (7 a second, 60 in 30 seconds).
 */
export function conversationTarget(conversationId: string): string {
  return `teams:${conversationId}`;
}

/**
 * What to send, not how it looks: the sender renders the card from the cohort as it is when the
 * message goes out, so a reminder delayed by a 429 still shows today's head-count and answer.
 */
export interface TeamsReminderState {
  reminder: Reminder;
  conversation: ConversationReference;
}

/** One object per reminder, whichever way it goes out: Teams or e-mail, never both, never twice. */
export function reminderObjectKey(reminder: Reminder): string {
  return `reminder:${reminder.cohortId}:${reminder.key}`;
}
