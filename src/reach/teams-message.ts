import type { Reminder } from '../domain/reminders';
import type { ConversationReference } from './conversation-references';
import type { TeamChannel } from './team-channels';

/** The outbox kind of one proactive Teams message from the bot. */
export const TEAMS_MESSAGE_KIND = 'teams.message';

/**
 * Where a message goes:
 * - `chat`: the person's 1:1 chat with the bot, known from an installation or a message;
 * - `new_chat`: a 1:1 chat the bot opens with a member of a team it is installed in (the cohort's
 *   team), by Entra object id; the chat is remembered once open;
 * - `channel`: the team's General channel, where a card is shared: `userIds` (`8:orgid:<id>`, at
 *   most 60) are those Teams shows their own version of the card to.
 */
export type TeamsDestination =
  | { kind: 'chat'; conversation: ConversationReference }
  | { kind: 'new_chat'; team: TeamChannel; aadObjectId: string; locale: string | null }
  | { kind: 'channel'; team: TeamChannel; userIds: string[] };

/**
 * What to send, not how it looks: the sender renders the card from the cohort as it is when the
 * message goes out, so a reminder delayed by a 429 still shows today's head-count and answer.
 */
export type TeamsContent = { kind: 'reminder'; reminder: Reminder } | { kind: 'announcement'; cohortId: string; meetingId: string; meetingVersion: number };

export interface TeamsMessageState {
  content: TeamsContent;
  to: TeamsDestination;
}

/**
 * One target per conversation: the outbox paces and leases per target, and Teams limits messages
 * per conversation (7 a second, 60 in 30 seconds). A chat not yet opened is paced per person.
 */
export function destinationTarget(to: TeamsDestination): string {
  switch (to.kind) {
    case 'chat':
      return `teams:${to.conversation.conversationId}`;
    case 'new_chat':
      return `teams:new:${to.aadObjectId.toLowerCase()}`;
    case 'channel':
      return `teams:${to.team.channelId}`;
  }
}

/** One object per reminder, whichever way it goes out: Teams or e-mail, never both, never twice. */
export function reminderObjectKey(reminder: Reminder): string {
  return `reminder:${reminder.cohortId}:${reminder.key}`;
}

/** One announcement per meeting version: announcing again after a move posts the new date. */
export function announcementObjectKey(cohortId: string, meetingId: string, meetingVersion: number): string {
  return `announcement:${cohortId}:${meetingId}:v${meetingVersion}`;
}

/** Teams shows each listed user their own version of a shared card; it takes at most 60. */
export const MAX_REFRESH_USERS = 60;

/** Members' Entra object ids in the form Universal Actions' `refresh.userIds` wants. */
export function refreshUserIds(objectIds: readonly (string | null)[]): string[] {
  return objectIds.filter((id): id is string => id !== null && id.trim() !== '').slice(0, MAX_REFRESH_USERS).map((id) => `8:orgid:${id.trim().toLowerCase()}`);
}
