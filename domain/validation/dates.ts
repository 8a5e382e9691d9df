import type { Locale } from '../i18n/index.ts';

/** Calendar dates are stored `YYYY-MM-DD`; instants as ISO 8601 UTC strings. */

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// Formatters are built once: creating an Intl.DateTimeFormat costs ~50–100 µs, and the schema
// asks for today's date for every date field it checks.
const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const PARIS_DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

let today = { minute: Number.NaN, date: '' };

/**
 * Today's date in Europe/Paris, `YYYY-MM-DD` (the insurer's calendar, whatever the device's zone).
 * Kept for the minute it was computed in (Paris's date only changes on a minute boundary): a
 * file's validation asks for it for every date field, a push for every file.
 */
export function todayInParis(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== today.minute) today = { minute, date: PARIS_DATE.format(now) };
  return today.date;
}

/** `2020-11-25` → `25/11/2020` (jj/mm/aaaa). */
export function formatDateFr(value: string): string {
  return isCalendarDate(value) ? value.split('-').reverse().join('/') : value;
}

/** An instant shown in Europe/Paris as `jj/mm/aaaa hh:mm`. */
export function formatDateTimeFr(isoInstant: string): string {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) return isoInstant;
  const parts = Object.fromEntries(PARIS_DATE_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/**
 * The one formatter of the dates the widgets show. French: jj/mm/aaaa. English: dd/mm/yyyy,
 * day first as well — the British convention, and the order the forms read (`parseDateFr`) —
 * so that a date is never read month first. Anything that is not a calendar date is returned
 * as it is.
 */
export function formatDate(value: string, _locale: Locale): string {
  // One pattern serves both locales today; the locale is the seam for one that differs.
  return formatDateFr(value);
}

/** An instant in Europe/Paris time, for both locales `dd/mm/yyyy hh:mm` (24-hour clock). */
export function formatDateTime(isoInstant: string, _locale: Locale): string {
  return formatDateTimeFr(isoInstant);
}

/** `25/11/2020` (or `25/11/20`, `25-11-2020`) → `2020-11-25`; '' when it is not a date. */
export function parseDateFr(input: string): string {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$/.exec(input);
  if (!match) return '';
  let year = Number(match[3]);
  if (match[3]!.length === 2) year += year > Number(todayInParis().slice(2, 4)) ? 1900 : 2000;
  const iso = `${String(year).padStart(4, '0')}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : '';
}
