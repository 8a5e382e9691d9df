import { domainMessagesEn } from './messages.en.ts';
import { domainMessagesFr, type DomainMessageKey } from './messages.fr.ts';

export type { DomainMessageKey } from './messages.fr.ts';

/** Locales the library ships. French is the default everywhere. */
export type Locale = 'fr' | 'en';
export const DEFAULT_LOCALE: Locale = 'fr';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

export type MessageParams = Readonly<Record<string, string | number>>;

const catalogues: Record<Locale, Record<DomainMessageKey, string>> = {
  fr: domainMessagesFr,
  en: domainMessagesEn,
};

/** Narrows any string (an `Accept-Language` value, a `lang` attribute) to a shipped locale. */
export function toLocale(value: string | null | undefined): Locale {
  const primary = (value ?? '').trim().toLowerCase().slice(0, 2);
  return primary === 'en' ? 'en' : DEFAULT_LOCALE;
}

/** Renders a domain message in a locale, filling `{name}` placeholders from params. */
export function domainMessage(key: DomainMessageKey, params: MessageParams = {}, locale: string = DEFAULT_LOCALE): string {
  const template = catalogues[toLocale(locale)][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * A text in every shipped locale, written once where it is used (`{fr, en}`): the sync server's
 * answers, the domain's labels. The compiler refuses a missing language.
 */
export type Localized = { readonly [L in Locale]: string };

/** A text rendered per locale (a domain message with its parameters…), as one `Localized`. */
export function inEveryLocale(render: (locale: Locale) => string): Localized {
  return { fr: render('fr'), en: render('en') };
}

/** Whether a value is a `Localized` text: a plain object with exactly `fr` and `en`, both strings. */
export function isLocalized(value: unknown): value is Localized {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === LOCALES.length && LOCALES.every((locale) => typeof (value as Record<string, unknown>)[locale] === 'string');
}

/** A JSON-like value with its `Localized` texts rendered in one locale. */
export type InLocale<T> = T extends Localized
  ? string
  : T extends readonly (infer Item)[]
    ? InLocale<Item>[]
    : T extends object
      ? { [K in keyof T]: InLocale<T[K]> }
      : T;

/** Renders every `Localized` text found in a JSON-like value (objects and arrays, at any depth) in `locale`. */
export function localize<T>(value: T, locale: Locale): InLocale<T> {
  const render = (item: unknown): unknown => {
    if (isLocalized(item)) return item[locale];
    if (Array.isArray(item)) return item.map(render);
    if (typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === Object.prototype) {
      return Object.fromEntries(Object.entries(item).map(([key, entry]) => [key, render(entry)]));
    }
    return item;
  };
  return render(value) as InLocale<T>;
}

/**
 * The locale an HTTP `Accept-Language` header prefers among the shipped ones: the language with
 * the highest weight (`q`, 1 by default; the first listed on a tie) whose primary subtag is `fr`
 * or `en`. French when the header is absent, names neither, or says `*`.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  let best: { locale: Locale; q: number } | null = null;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const locale = LOCALES.find((candidate) => candidate === primary);
    if (!locale) continue;
    const weight = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((q) => q !== undefined);
    const q = weight === undefined ? 1 : Number(weight);
    if (!(q > 0)) continue;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
