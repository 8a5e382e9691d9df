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
