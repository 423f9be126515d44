import type { TimeRange } from './time-ranges';

/** A stretch of an advisor's calendar that is not free, Copenhagen wall-clock time. */
export type BusyBlock = TimeRange;

/** What Outlook said of one mailbox: its busy blocks within the ranges read, or why it could not say. */
export type MailboxSchedule = { ok: true; busy: BusyBlock[] } | { ok: false; reason: string };

/**
 * Reads advisors' free/busy time from Outlook, so the use-case knows busy blocks and not the
 * service that carries them.
 */
export interface OutlookSchedules {
  /**
   * The busy time of each mailbox over the ranges, looked up through the calendar of `via`: one
   * entry per mailbox asked for, keyed in lower case. A mailbox Outlook cannot answer for gets its
   * reason; throws OutlookUnreadable when the lookup itself fails this time (throttled beyond what
   * it waits, unavailable, refused).
   */
  read(via: string, mailboxes: readonly string[], ranges: readonly TimeRange[]): Promise<Map<string, MailboxSchedule>>;
}

/** Mailboxes are compared as Outlook compares addresses: without case or surrounding blanks. */
export const mailboxKey = (address: string): string => address.trim().toLowerCase();
