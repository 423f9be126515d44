import { DateTime } from 'luxon';
import { DomainError, type Texts } from './errors';

/** Every time in the programme is wall-clock time in Copenhagen; instants are derived, never stored as truth. */
export const PROGRAMME_ZONE = 'Europe/Copenhagen';

declare const localDateBrand: unique symbol;
declare const localTimeBrand: unique symbol;
declare const localDateTimeBrand: unique symbol;
declare const instantBrand: unique symbol;

/** `2023-05-04` in Copenhagen. */
export type LocalDate = string & { readonly [localDateBrand]: true };
/** `09:30` in Copenhagen. */
export type LocalTime = string & { readonly [localTimeBrand]: true };
/** `2023-05-04T09:30` in Copenhagen. */
export type LocalDateTime = string & { readonly [localDateTimeBrand]: true };
/** A point in time, ISO 8601 in UTC: `2023-05-04T07:30:00.000Z`. */
export type Instant = string & { readonly [instantBrand]: true };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function invalid(what: Texts, value: string, path?: string): DomainError {
  return new DomainError('invalid_date', { da: `${what.da}: "${value}"`, en: `${what.en}: "${value}"` }, path);
}

function zoned(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: PROGRAMME_ZONE });
}

export function parseLocalDate(value: string, path?: string): LocalDate {
  if (!DATE.test(value) || !zoned(value).isValid) throw invalid({ da: 'Ugyldig dato (ÅÅÅÅ-MM-DD)', en: 'Invalid date (YYYY-MM-DD)' }, value, path);
  return value as LocalDate;
}

export function parseLocalTime(value: string, path?: string): LocalTime {
  const [h, m] = value.split(':').map(Number);
  if (!TIME.test(value) || h! > 23 || m! > 59) throw invalid({ da: 'Ugyldigt klokkeslæt (TT:MM)', en: 'Invalid time (HH:MM)' }, value, path);
  return value as LocalTime;
}

/**
 * Refuses wall-clock times that do not exist in Copenhagen (the hour skipped when summer time
 * starts): luxon would silently shift them an hour, and a meeting would start at a time nobody chose.
 */
export function parseLocalDateTime(value: string, path?: string): LocalDateTime {
  const dt = zoned(value);
  if (!DATE_TIME.test(value) || !dt.isValid || dt.toFormat("yyyy-MM-dd'T'HH:mm") !== value) {
    throw invalid({ da: 'Ugyldigt tidspunkt (ÅÅÅÅ-MM-DDTTT:MM)', en: 'Invalid date and time (YYYY-MM-DDTHH:MM)' }, value, path);
  }
  return value as LocalDateTime;
}

export function parseInstant(value: string, path?: string): Instant {
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) {
    throw invalid({ da: 'Ugyldigt tidspunkt med tidszone', en: 'Invalid timestamp with time zone' }, value, path);
  }
  return instantOf(dt.toJSDate());
}

export function instantOf(date: Date): Instant {
  return date.toISOString() as Instant;
}

export function localDateTime(date: LocalDate, time: LocalTime): LocalDateTime {
  return parseLocalDateTime(`${date}T${time}`);
}

export function dateOf(value: LocalDateTime): LocalDate {
  return value.slice(0, 10) as LocalDate;
}

export function timeOf(value: LocalDateTime): LocalTime {
  return value.slice(11, 16) as LocalTime;
}

/** The instant a Copenhagen wall-clock time stands for, with the offset of that day (CET or CEST). */
export function toInstant(value: LocalDateTime): Instant {
  return instantOf(zoned(value).toJSDate());
}

export function toLocal(value: Instant): LocalDateTime {
  return DateTime.fromISO(value).setZone(PROGRAMME_ZONE).toFormat("yyyy-MM-dd'T'HH:mm") as LocalDateTime;
}

export function addMinutes(value: LocalDateTime, minutes: number): LocalDateTime {
  return zoned(value).plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm") as LocalDateTime;
}

/*
 * Calendar arithmetic on dates needs no time zone: a date is a day count, so UTC (which has no
 * summer time) gives the same answer as Copenhagen without asking Intl for an offset, which the
 * catering deadline and slot offers do thousands of times per answer.
 */
const DAY_MS = 86_400_000;

function dayNumber(value: LocalDate): number {
  return Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))) / DAY_MS;
}

export function addDays(value: LocalDate, days: number): LocalDate {
  return new Date((dayNumber(value) + days) * DAY_MS).toISOString().slice(0, 10) as LocalDate;
}

export function addMonths(value: LocalDate, months: number): LocalDate {
  return zoned(value).plus({ months }).toISODate() as LocalDate;
}

/** Whole calendar days from one date to another (negative when `to` is earlier), across summer time alike. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(value: LocalDate): number {
  return new Date(dayNumber(value) * DAY_MS).getUTCDay() || 7;
}

/** Minutes from midnight; for comparing times of day. */
export function minutesOfDay(value: LocalTime): number {
  const [h, m] = value.split(':').map(Number);
  return h! * 60 + m!;
}

/** How a date reads in Danish text: "tirsdag 25. april 2023". */
export function danishDate(value: LocalDate): string {
  return zoned(value).setLocale('da').toFormat('cccc d. MMMM yyyy');
}

export function englishDate(value: LocalDate): string {
  return zoned(value).setLocale('en-GB').toFormat('cccc d MMMM yyyy');
}
