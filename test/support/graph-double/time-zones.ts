import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime, IANAZone } from 'luxon';

const windowsZones = new Map(
  Object.entries((JSON.parse(readFileSync(join(__dirname, 'windows-zones.json'), 'utf8')) as { zones: Record<string, string> }).zones).map(
    ([name, iana]) => [name.toLowerCase(), iana],
  ),
);

/** The IANA zone a Windows ("Romance Standard Time") or IANA ("Europe/Copenhagen") name stands for; null when it is neither. */
export function ianaZone(name: string | null | undefined): string | null {
  if (!name) return null;
  return windowsZones.get(name.toLowerCase()) ?? (IANAZone.isValidZone(name) ? name : null);
}

// What Outlook accepts in dateTimeTimeZone.dateTime: a local date and time, seconds and up to seven
// fraction digits optional; an offset, when given, fixes the instant by itself.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** The instant a dateTimeTimeZone names, or null when dateTime is not a real date and time. */
export function instantOf(dateTime: string, zone: string): DateTime | null {
  const match = DATE_TIME.exec(dateTime);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', offset] = match;
  const millisecond = Math.floor(Number(`0.${fraction}`) * 1000);
  const parts = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second), millisecond };
  const at = DateTime.fromObject(parts, { zone: offset === undefined ? zone : offset === 'Z' ? 'UTC' : `UTC${offset}` });
  return at.isValid ? at.toUTC() : null;
}

/** Outlook's rendering of an instant in a zone: local time with seven fraction digits and no offset. */
export function renderDateTime(instant: DateTime, zone: string): string {
  const local = instant.setZone(zone);
  return `${local.toFormat("yyyy-MM-dd'T'HH:mm:ss")}.${String(local.millisecond).padStart(3, '0')}0000`;
}
