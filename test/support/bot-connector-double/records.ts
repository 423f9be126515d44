/** An activity the bot sent (or replied with), as the double received it. */
export interface SentActivity {
  /** The id the double assigned and answered with. */
  id: string;
  conversationId: string;
  type: string;
  text?: string;
  attachments?: unknown[];
  /** The activity this one replies to; set for replies only. */
  replyToId?: string;
  receivedAt: Date;
  deleted: boolean;
  /** The whole body as sent. */
  activity: Record<string, unknown>;
}

/** A change the bot made to an activity it sent earlier. */
export interface ActivityUpdate {
  activityId: string;
  conversationId: string;
  type: string;
  text?: string;
  attachments?: unknown[];
  receivedAt: Date;
  activity: Record<string, unknown>;
}

export interface Counts {
  /** Activities accepted by send or reply, answered or not (a lost answer counts). */
  sent: number;
  updated: number;
  deleted: number;
  /** Successful create-conversation calls; asking again for the same 1:1 chat counts again. */
  createdConversations: number;
  memberReads: number;
  /** 429 answers, from the rate limits and from scripted faults alike. */
  throttled: number;
  /** Answers given by failNext, whatever their status. */
  scriptedFaults: number;
  /** Calls whose connection was destroyed after the work was done. */
  lostAnswers: number;
  /** 403 answers: blocked by the user, or the bot not in the conversation. */
  refused: number;
  unauthorized: number;
}

export const zeroCounts = (): Counts => ({
  sent: 0,
  updated: 0,
  deleted: 0,
  createdConversations: 0,
  memberReads: 0,
  throttled: 0,
  scriptedFaults: 0,
  lostAnswers: 0,
  refused: 0,
  unauthorized: 0,
});

/** What the bot did through the Connector, in the order the double received it. */
export class Records {
  readonly counts = zeroCounts();
  private readonly sent: SentActivity[] = [];
  private readonly changes: ActivityUpdate[] = [];

  addSent(id: string, conversationId: string, activity: Record<string, unknown>, replyToId: string | undefined, at: Date): void {
    this.sent.push({ id, conversationId, ...contentOf(activity), ...(replyToId === undefined ? {} : { replyToId }), receivedAt: at, deleted: false, activity });
    this.counts.sent++;
  }

  find(conversationId: string, activityId: string): SentActivity | undefined {
    return this.sent.find((a) => a.conversationId === conversationId && a.id === activityId && !a.deleted);
  }

  addUpdate(target: SentActivity, activity: Record<string, unknown>, at: Date): void {
    this.changes.push({ activityId: target.id, conversationId: target.conversationId, ...contentOf(activity), receivedAt: at, activity });
    this.counts.updated++;
  }

  delete(target: SentActivity): void {
    target.deleted = true;
    this.counts.deleted++;
  }

  activities(conversationId?: string): SentActivity[] {
    return this.sent.filter((a) => conversationId === undefined || a.conversationId === conversationId).map((a) => ({ ...a }));
  }

  updates(): ActivityUpdate[] {
    return this.changes.map((u) => ({ ...u }));
  }
}

function contentOf(activity: Record<string, unknown>): { type: string; text?: string; attachments?: unknown[] } {
  return {
    type: String(activity.type),
    ...(typeof activity.text === 'string' ? { text: activity.text } : {}),
    ...(Array.isArray(activity.attachments) ? { attachments: activity.attachments } : {}),
  };
}
