import { z } from 'zod';
import { mailboxKey, type BusyBlock, type MailboxSchedule } from '../calendar/outlook-schedules';
import { clipRange, type TimeRange } from '../calendar/time-ranges';
import type { LocalDateTime } from '../domain/local-time';
import { copenhagenTimeOf } from './graph-event';

/** Loose like the other reads: properties Graph leaves out or adds must not make a read fail. */
const graphTime = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
const scheduleAnswer = z.object({
  value: z.array(
    z.object({
      scheduleId: z.string(),
      scheduleItems: z.array(z.object({ status: z.string().nullish(), start: graphTime.nullish(), end: graphTime.nullish() })).nullish(),
      error: z.object({ message: z.string().nullish(), responseCode: z.string().nullish() }).nullish(),
    }),
  ),
});
type ScheduleInformation = z.infer<typeof scheduleAnswer>['value'][number];
type ScheduleItem = NonNullable<ScheduleInformation['scheduleItems']>[number];

/**
 * Whether an item keeps a slot from being offered: everything but `free`. Busy and out of office
 * plainly. Tentative, because the advisor may yet accept it, and a slot booked on top would be a
 * clash nobody chose. Working elsewhere, because it marks time the advisor has set aside away
 * from the desk (a visit to a municipality, say), which a booked call would cut into. Unknown, and
 * any status Graph adds later, because it is still something in the calendar. Graph writes the
 * statuses in lower camel case in its reference and capitalised in its guide, so case is ignored.
 */
const blocks = (item: ScheduleItem): boolean => item.status?.toLowerCase() !== 'free';

/** `code: message` of a schedule Outlook could not look up, as Graph wrote it. */
function errorText(error: NonNullable<ScheduleInformation['error']>): string {
  return [error.responseCode, error.message].filter((part): part is string => Boolean(part)).join(': ') || 'ukendt fejl / unknown error';
}

function scheduleOf(info: ScheduleInformation | undefined, address: string, range: TimeRange): MailboxSchedule {
  if (info === undefined) return { ok: false, reason: `Graph svarede ikke for ${address} / Graph gave no answer for ${address}` };
  if (info.error) {
    return { ok: false, reason: `Outlook kunne ikke give ledig/optaget-tid for ${address} / Outlook could not give the free/busy time of ${address} (${errorText(info.error)})` };
  }
  const busy: BusyBlock[] = [];
  for (const item of (info.scheduleItems ?? []).filter(blocks)) {
    // copenhagenTimeOf writes exactly a LocalDateTime: yyyy-MM-ddTHH:mm in Copenhagen.
    const start = copenhagenTimeOf(item.start) as LocalDateTime | null;
    const end = copenhagenTimeOf(item.end) as LocalDateTime | null;
    if (start === null || end === null) {
      // A time this code cannot place could hide a clash: the mailbox's last good read stands instead.
      return { ok: false, reason: `Graphs tider for ${address} kunne ikke læses / Graph's times for ${address} were unreadable` };
    }
    // An out-of-office week reaches beyond the period asked for; only the period is this read's to say.
    const inside = clipRange({ start, end }, range);
    if (inside) busy.push(inside);
  }
  return { ok: true, busy };
}

/**
 * One getSchedule answer as each asked mailbox's busy blocks within `range`, keyed in lower case:
 * matched by `scheduleId`, which Graph echoes as asked. Null when the answer is not getSchedule's.
 */
export function schedulesOf(body: unknown, asked: readonly string[], range: TimeRange): Map<string, MailboxSchedule> | null {
  const parsed = scheduleAnswer.safeParse(body);
  if (!parsed.success) return null;
  const byId = new Map(parsed.data.value.map((info) => [mailboxKey(info.scheduleId), info]));
  return new Map(asked.map((address) => [mailboxKey(address), scheduleOf(byId.get(mailboxKey(address)), address, range)]));
}
