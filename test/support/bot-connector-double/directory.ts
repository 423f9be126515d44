import { personalConversationId, teamThreadId } from './ids';
import type { TeamsUser } from './teams-user';

/** A conversation the bot is part of: a user's 1:1 chat, or a team's channel. */
export interface Conversation {
  id: string;
  kind: 'personal' | 'channel';
  memberIds: string[];
  /** The app was uninstalled here: Teams answers 403 BotNotInConversationRoster. */
  botRemoved: boolean;
}

export interface TeamOptions {
  /** The team's thread id, also its General channel's; a fresh `19:…@thread.tacv2` when left out. */
  id?: string;
  /** Members by their `29:` ids; each must have been added as a user. */
  memberIds: string[];
}

/** Who is in the tenant and which conversations the bot has with them. */
export class Directory {
  private readonly users = new Map<string, TeamsUser>();
  private readonly conversations = new Map<string, Conversation>();
  private readonly personal = new Map<string, string>();
  private readonly blocked = new Set<string>();

  addUser(user: TeamsUser): void {
    this.users.set(user.id, user);
  }

  /** By `29:` id, Entra object id or userPrincipalName, the three a member lookup accepts. */
  findUser(key: string): TeamsUser | undefined {
    const lower = key.toLowerCase();
    return this.users.get(key) ?? [...this.users.values()].find((u) => u.aadObjectId === key || u.userPrincipalName.toLowerCase() === lower);
  }

  /** The user's 1:1 chat with the bot, started now if there is none: Teams keeps one per user and bot. */
  personalConversation(userId: string): string {
    const user = this.users.get(userId);
    if (!user) throw new Error(`no user ${userId}; addUser first`);
    let id = this.personal.get(user.id);
    if (id === undefined) {
      id = personalConversationId();
      this.personal.set(user.id, id);
      this.conversations.set(id, { id, kind: 'personal', memberIds: [user.id], botRemoved: false });
    }
    return id;
  }

  existingPersonalConversation(userId: string): Conversation | undefined {
    const id = this.personal.get(userId);
    return id === undefined ? undefined : this.conversations.get(id);
  }

  addTeam(options: TeamOptions): string {
    const unknown = options.memberIds.filter((id) => !this.users.has(id));
    if (unknown.length > 0) throw new Error(`not users of the tenant: ${unknown.join(', ')}`);
    const id = options.id ?? teamThreadId();
    this.conversations.set(id, { id, kind: 'channel', memberIds: [...options.memberIds], botRemoved: false });
    return id;
  }

  conversation(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  members(conversation: Conversation): TeamsUser[] {
    return conversation.memberIds.map((id) => this.users.get(id)!);
  }

  block(userId: string): void {
    this.blocked.add(userId);
  }

  /** Whether the user blocked the bot, when the conversation is their 1:1 chat with it. */
  blockedIn(conversation: Conversation): boolean {
    return conversation.kind === 'personal' && conversation.memberIds.some((id) => this.blocked.has(id));
  }

  isBlocked(userId: string): boolean {
    return this.blocked.has(userId);
  }

  removeBot(conversationId: string): void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no conversation ${conversationId}`);
    conversation.botRemoved = true;
  }
}
