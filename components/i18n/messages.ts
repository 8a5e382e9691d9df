import type { Locale, MessageParams } from '../../domain/i18n/index.ts';

/** A flat catalogue of message templates; `{name}` placeholders are filled from params. */
export type MessageCatalogue = Readonly<Record<string, string>>;

/** A catalogue's English: every French key, and no other (an object literal with a missing or extra key does not compile). */
export type English<Fr extends MessageCatalogue> = { readonly [K in keyof Fr]: string };

/**
 * One component's messages. French is the reference catalogue and comes with the element;
 * English is its own module (`<tag>.messages.en.ts`), fetched only when an element shows in
 * English (`localeReady`): a French page never downloads it. Until it is there, or if it cannot
 * be fetched, French stands in.
 */
export interface ComponentMessages<Fr extends MessageCatalogue> {
  readonly fr: Fr;
  /** The English catalogue once loaded, else undefined. */
  readonly en: English<Fr> | undefined;
}

/** Something a locale needs loaded before an element renders in it. */
interface LocaleModule {
  /** Not loaded yet, and not failed. */
  readonly pending: boolean;
  load(): Promise<void>;
}

/** Every catalogue whose module the page has imported: an English element waits for all of them. */
const englishModules = new Set<LocaleModule>();

class Catalogue<Fr extends MessageCatalogue> implements ComponentMessages<Fr>, LocaleModule {
  en: English<Fr> | undefined;
  #loading: Promise<void> | undefined;
  #failed = false;

  constructor(
    readonly fr: Fr,
    private readonly loadEnglish: () => Promise<{ readonly default: English<Fr> }>,
  ) {}

  get pending(): boolean {
    return this.en === undefined && !this.#failed;
  }

  load(): Promise<void> {
    this.#loading ??= this.loadEnglish().then(
      (module) => {
        this.en = module.default;
      },
      () => {
        // Offline before the chunk was cached: French stands in for this catalogue.
        this.#failed = true;
      },
    );
    return this.#loading;
  }
}

/**
 * A component's catalogue: its French, and the import of its English module
 * (a dynamic import of `<tag>.messages.en.ts`, whose default export is `english<XFrench>({…})`).
 */
export function defineMessages<Fr extends MessageCatalogue>(fr: Fr, loadEnglish: () => Promise<{ readonly default: English<NoInfer<Fr>> }>): ComponentMessages<Fr> {
  const catalogue = new Catalogue(fr, loadEnglish);
  englishModules.add(catalogue);
  return catalogue;
}

/** The English of a catalogue, checked key for key against its French (`Fr`, the French object's type). */
export function english<Fr extends MessageCatalogue>(messages: English<Fr>): English<Fr> {
  return messages;
}

/** Another module English needs (the domain's messages), loaded with the catalogues. */
export function addEnglishModule(module: LocaleModule): void {
  englishModules.add(module);
}

/**
 * Null when every catalogue the page has imported can render in `locale` now (French always
 * can); else the promise of their English modules, which `LocalizedElement` waits for before it
 * renders in English.
 */
export function localeReady(locale: Locale): Promise<void> | null {
  if (locale === 'fr') return null;
  const missing = [...englishModules].filter((module) => module.pending);
  return missing.length === 0 ? null : Promise.all(missing.map((module) => module.load())).then(() => undefined);
}

export type Translate<Fr extends MessageCatalogue> = (key: keyof Fr & string, params?: MessageParams) => string;

/** The message function of one component in one locale (French while the English is not loaded). */
export function translator<Fr extends MessageCatalogue>(messages: ComponentMessages<Fr>, locale: Locale): Translate<Fr> {
  const catalogue: Readonly<Record<keyof Fr, string>> = (locale === 'en' ? messages.en : undefined) ?? messages.fr;
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
