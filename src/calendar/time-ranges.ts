import type { LocalDateTime } from '../domain/local-time';

/**
 * From `start` up to (not including) `end`, Copenhagen wall-clock time. Compared as text, which
 * orders `YYYY-MM-DDTHH:MM` as time does.
 */
export interface TimeRange {
  start: LocalDateTime;
  end: LocalDateTime;
}

const byStart = (a: TimeRange, b: TimeRange) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

/** The ranges in order, those that overlap or touch joined into one. */
export function joinRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  for (const range of [...ranges].sort(byStart)) {
    const previous = out[out.length - 1];
    if (previous && range.start <= previous.end) previous.end = range.end > previous.end ? range.end : previous.end;
    else out.push({ start: range.start, end: range.end });
  }
  return out;
}

/** The part of `range` inside `within`; null when they do not overlap. */
export function clipRange(range: TimeRange, within: TimeRange): TimeRange | null {
  const start = range.start > within.start ? range.start : within.start;
  const end = range.end < within.end ? range.end : within.end;
  return start < end ? { start, end } : null;
}
