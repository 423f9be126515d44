import type { Lang } from './texts';

/**
 * The API's times are Copenhagen wall-clock times ("2026-12-17T09:30"), shown as they are: whatever
 * the viewer's own time zone, a meeting in Odense starts at 09:30. Formatting in UTC keeps them so.
 */
function parts(local: string): Date {
  const [date = '', time = '00:00'] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0));
}

const LOCALES: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

export function formatDate(local: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(parts(local));
}

export function formatShortDate(local: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(parts(local));
}

export function formatTime(local: string): string {
  return local.slice(11, 16);
}

export function formatDateTime(local: string, lang: Lang): string {
  return `${formatDate(local, lang)}, ${lang === 'da' ? 'kl. ' : ''}${formatTime(local)}`;
}

export function formatSpan(start: string, end: string, lang: Lang): string {
  return `${formatDate(start, lang)}, ${lang === 'da' ? 'kl. ' : ''}${formatTime(start)}–${formatTime(end)}`;
}
