import type { Locale, MessageParams } from '../../domain/i18n/index.ts';

/** A flat catalogue of message templates; `{name}` placeholders are filled from params. */
export type MessageCatalogue = Readonly<Record<string, string>>;

/**
 * One component's messages. French is the reference catalogue; English must provide every
 * French key, and no other (an object literal with a missing or extra key does not compile).
 */
export interface ComponentMessages<Fr extends MessageCatalogue> {
  readonly fr: Fr;
  readonly en: { readonly [K in keyof Fr]: string };
}

export function defineMessages<const Fr extends MessageCatalogue>(messages: {
  fr: Fr;
  en: NoInfer<{ readonly [K in keyof Fr]: string }>;
}): ComponentMessages<Fr> {
  return messages;
}

export type Translate<Fr extends MessageCatalogue> = (key: keyof Fr & string, params?: MessageParams) => string;

/** The message function of one component in one locale. */
export function translator<Fr extends MessageCatalogue>(messages: ComponentMessages<Fr>, locale: Locale): Translate<Fr> {
  const catalogue: Readonly<Record<keyof Fr, string>> = messages[locale];
  return (key, params = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The plural form a count takes: French puts 0 and 1 in the singular, English only 1.
 * Catalogues name plural messages `<key>.one` and `<key>.other`.
 */
export function pluralCategory(locale: Locale, count: number): 'one' | 'other' {
  return new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
}

/** What joins a label and its value: « NIR : 1 84… » in French (a space before the colon), "NIR: 1 84…" in English. */
export function colon(locale: Locale): string {
  return locale === 'fr' ? ' : ' : ': ';
}
