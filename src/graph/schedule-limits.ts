import type { TimeRange } from '../calendar/time-ranges';
import { addDays, dateOf, localDateTime, timeOf } from '../domain/local-time';

/** "Get free/busy schedule": getSchedule looks up at most 20 schedules at once. */
export const MAX_SCHEDULES = 20;

/**
 * Wall-clock days per getSchedule call. Microsoft documents the period as "less than 62 days", and
 * Graph refuses 63 (`ErrorTimeIntervalTooBig`, "The allowed limit = 62 days"), counting real time:
 * 62 Copenhagen days across the October change are 62 days and an hour. 61 days stay under it
 * whichever way it is counted.
 */
export const MAX_DAYS = 61;

/** The items in groups of at most `size`, in order. */
export function groupsOf<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let first = 0; first < items.length; first += size) groups.push(items.slice(first, first + size));
  return groups;
}

/** The range cut into pieces of at most `days` wall-clock days each, end to end. */
export function dayChunks(range: TimeRange, days = MAX_DAYS): TimeRange[] {
  const chunks: TimeRange[] = [];
  for (let start = range.start; start < range.end; ) {
    const limit = localDateTime(addDays(dateOf(start), days), timeOf(start));
    const end = limit < range.end ? limit : range.end;
    chunks.push({ start, end });
    start = end;
  }
  return chunks;
}
