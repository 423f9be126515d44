import { addDays, type LocalDate } from './local-time';

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as LocalDate;
}

/** Each year's set is computed once: the catering deadline asks for it day by day. */
const byYear = new Map<number, ReadonlySet<LocalDate>>();

/**
 * Days the agency is closed besides weekends: the Danish public holidays, plus Grundlovsdag and
 * Christmas Eve, which the state gives its staff off. Store bededag ceased to be a holiday from 2024.
 */
export function danishHolidays(year: number): ReadonlySet<LocalDate> {
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = holidaysOf(year);
    byYear.set(year, holidays);
  }
  return holidays;
}

function holidaysOf(year: number): ReadonlySet<LocalDate> {
  const easter = easterSunday(year);
  const fromEaster = [-3, -2, 0, 1, 39, 49, 50];
  if (year <= 2023) fromEaster.push(26);
  const fixed = ['01-01', '06-05', '12-24', '12-25', '12-26'].map((md) => `${year}-${md}` as LocalDate);
  return new Set([...fixed, ...fromEaster.map((n) => addDays(easter, n))]);
}
