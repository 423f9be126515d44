import type { DateTime } from 'luxon';
import type { ScheduleQuery } from './schedule-request';
import { ianaZone, renderDateTime } from './time-zones';

/** `freeBusyStatus` in the v1.0 contract. */
export const FREE_BUSY = ['unknown', 'free', 'tentative', 'busy', 'oof', 'workingElsewhere'] as const;
export type FreeBusy = (typeof FREE_BUSY)[number];

/** Something in a calendar as getSchedule sees it: an event, or a block a test put there. */
export interface CalendarItem {
  /** UTC. */
  start: DateTime;
  end: DateTime;
  status: FreeBusy;
  isPrivate: boolean;
  subject: string | null;
  location: string | null;
}

/** An event's `showAs` as a status, matched without case as Graph reads enums; Outlook's default is busy. */
export function freeBusyOf(showAs: unknown): FreeBusy {
  const wanted = typeof showAs === 'string' ? showAs.toLowerCase() : 'busy';
  return FREE_BUSY.find((s) => s.toLowerCase() === wanted) ?? 'busy';
}

/**
 * `availabilityView`'s digits: 0 free, 1 tentative, 2 busy, 3 out of office; working elsewhere is
 * 0 "for backward compatibility" (scheduleInformation resource type, v1.0). A slot shows the
 * busiest item in it.
 */
const DIGIT: Record<FreeBusy, number> = { unknown: 0, free: 0, workingElsewhere: 0, tentative: 1, busy: 2, oof: 3 };

function availabilityView(items: readonly CalendarItem[], query: ScheduleQuery): string {
  const slots: number[] = [];
  for (let at = query.start; at < query.end; at = at.plus({ minutes: query.interval })) {
    const end = at.plus({ minutes: query.interval });
    slots.push(Math.max(0, ...items.filter((i) => i.start < end && at < i.end).map((i) => DIGIT[i.status])));
  }
  return slots.join('');
}

const time = (at: DateTime, zone: string) => ({ dateTime: renderDateTime(at, ianaZone(zone)!), timeZone: zone });

/**
 * One schedule's `scheduleInformation`: the items overlapping the period, whole (an out-of-office
 * week reaches past a day asked for), in `zone`; subject and location only for items not private.
 * Working hours are the double's choice, Monday to Friday 08:00–17:00: it keeps no mailbox settings.
 */
export function scheduleInformation(scheduleId: string, calendar: readonly CalendarItem[], query: ScheduleQuery, zone: string): Record<string, unknown> {
  const items = calendar.filter((i) => i.start < query.end && query.start < i.end).sort((a, b) => a.start.toMillis() - b.start.toMillis());
  return {
    scheduleId,
    availabilityView: availabilityView(items, query),
    scheduleItems: items.map((i) => ({
      isPrivate: i.isPrivate,
      status: i.status,
      ...(i.isPrivate ? {} : { subject: i.subject ?? '', location: i.location ?? '' }),
      start: time(i.start, zone),
      end: time(i.end, zone),
    })),
    workingHours: {
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '08:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: { name: 'Romance Standard Time' },
    },
  };
}

/** A schedule Outlook cannot look up, in the shape clients report (microsoft-graph-docs #11225). */
export function scheduleError(scheduleId: string, message: string, responseCode: string): Record<string, unknown> {
  return { scheduleId, error: { message, responseCode } };
}
