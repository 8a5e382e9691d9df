import { domainMessage, toLocale, type Locale } from '../i18n/index.ts';
import { validateNir } from '../identifiers/nir.ts';

/**
 * "Contacter l'Assurance Maladie" (SPEC §5): a practitioner writes to an insurer office about a
 * general question — administrative, medical or technical. One schema for `<insurer-contact-form>`
 * and `POST /api/insurer-contact`, and the check for what must never travel this way (what
 * identifies a patient: a NIR, a date of birth): that belongs to the secure medical exchanges.
 */

type Labels = { readonly fr: string; readonly en: string };

/** The seed shows « Informations administratives »; the other subjects are the portal's usual ones. */
export const INSURER_CONTACT_SUBJECT_VALUES = ['informations_administratives', 'paiements_remboursements', 'convention_tarifs', 'commande_imprimes', 'services_en_ligne', 'autre'] as const;
export type InsurerContactSubject = (typeof INSURER_CONTACT_SUBJECT_VALUES)[number];

/** The « Objet » of a message, in the order the form lists them. */
export const INSURER_CONTACT_SUBJECTS: readonly { readonly value: InsurerContactSubject; readonly label: Labels }[] = [
  { value: 'informations_administratives', label: { fr: 'Informations administratives', en: 'Administrative information' } },
  { value: 'paiements_remboursements', label: { fr: 'Paiements et remboursements', en: 'Payments and reimbursements' } },
  { value: 'convention_tarifs', label: { fr: 'Convention et tarifs', en: 'Agreement and fees' } },
  { value: 'commande_imprimes', label: { fr: 'Commandes d’imprimés', en: 'Orders of printed forms' } },
  { value: 'services_en_ligne', label: { fr: 'Services en ligne', en: 'Online services' } },
  { value: 'autre', label: { fr: 'Autre', en: 'Other' } },
];

/** The label of a subject in a locale (the value itself when unknown). */
export function insurerContactSubjectLabel(subject: string, locale: Locale = 'fr'): string {
  return INSURER_CONTACT_SUBJECTS.find((s) => s.value === subject)?.label[locale] ?? subject;
}

/** At most this many characters in a message, counted as the user sees them (an emoji or « é » typed as e + accent is one). */
export const INSURER_CONTACT_MESSAGE_MAX = 2000;

const segmenter = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/** The number of characters a person sees in a text (grapheme clusters, not UTF-16 units). */
export function visibleLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}


/** What `POST /api/insurer-contact` answers (201). */
export interface InsurerContactReceipt {
  /** The request's number, to quote when the office answers, e.g. `AM-7K3F9Q2D`. */
  readonly reference: string;
  /** « Votre demande n° … a bien été transmise à la 941 - CPAM du Val-de-Marne. » */
  readonly message: string;
}

export interface SensitiveDataFound {
  /** `nir`: a social-security number; `birthdate`: a date of birth, which with a name identifies a patient. */
  readonly kind: 'nir' | 'birthdate';
  /** The words as typed, to point at them. */
  readonly excerpt: string;
}

const MONTHS = 'janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre';
/** A full date: 12/03/1965, 12-03-65, 12.03.1965, 1er mars 1965. */
const DATE = `(?:\\d{1,2}\\s?[/.-]\\s?\\d{1,2}\\s?[/.-]\\s?\\d{2,4}|\\d{1,2}(?:er)?\\s+(?:${MONTHS})\\s+\\d{4})`;
/**
 * A date of birth, in the folded text (lower case, no accents): after « né(e) le », « date de
 * naissance », « DDN », or right after a patient's name written as « DUPONT Jean » (the name in
 * capitals). A date alone (« facture du 12/03/2026 ») is administrative and stays allowed.
 */
const BIRTH_DATE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:nee?s?|ne\\(e\\)|date\\s+de\\s+naissance|ddn)\\s*(?:le\\s+|:\\s*|du\\s+)?${DATE})(?![\\p{L}\\p{N}])`,
  'gu',
);
/** « DUPONT Jean, 12/03/1965 » or « DUPONT Jean (12/03/1965) », on the text as typed. */
const NAME_WITH_DATE = new RegExp(`(?<![\\p{L}\\p{N}])\\p{Lu}{2,}(?:[ '-]\\p{Lu}{2,})*\\s+\\p{Lu}\\p{Ll}+\\s*[,(]?\\s*${DATE}\\)?(?![\\p{L}\\p{N}])`, 'gu');

/**
 * The text lower-cased and without accents, with, for each of its code units, the index in the
 * original of the character it comes from: a match can then be shown as the user typed it.
 */
function foldWithOrigins(text: string): { folded: string; origins: number[] } {
  let folded = '';
  const origins: number[] = [];
  let index = 0;
  for (const char of text) {
    const plain = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    folded += plain;
    for (let i = 0; i < plain.length; i += 1) origins.push(index);
    index += char.length;
  }
  origins.push(index);
  return { folded, origins };
}

/** Characters that may separate the groups of a NIR typed in a sentence. */
const NIR_SEPARATOR = /^[ \u00a0\u202f.-]$/;
const NIR_GROUP = /^(?:\d+|\d*2[AB]\d*)$/i;

/**
 * NIRs written in a text, spaces (or dots, hyphens) between groups allowed: runs of number
 * groups whose 15 characters form a NIR with a valid key. Numbers glued to longer ones, and
 * 15 digits whose key is wrong (a phone number and a date side by side), are not flagged.
 */
function findNirs(text: string): string[] {
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ value: m[0], start: m.index, end: m.index + m[0].length }));
  const found: string[] = [];
  for (let first = 0; first < tokens.length; first += 1) {
    let digits = '';
    for (let last = first; last < tokens.length; last += 1) {
      const token = tokens[last]!;
      if (!NIR_GROUP.test(token.value)) break;
      if (last > first && !NIR_SEPARATOR.test(text.slice(tokens[last - 1]!.end, token.start))) break;
      digits += token.value;
      if (digits.length > 15) break;
      if (digits.length === 15 && validateNir(digits).valid) {
        found.push(text.slice(tokens[first]!.start, token.end));
        first = last;
        break;
      }
    }
  }
  return found;
}

/**
 * What identifies a patient and must not be sent with « Contacter l'Assurance Maladie »: a NIR
 * (with a valid key, so that phone numbers raise no false alarm) and a date of birth (after
 * « né le », « date de naissance », or a name in capitals). Medical vocabulary alone is not
 * flagged: the guide opens the form to « toute demande administrative, médicale ou technique »
 * of a general kind (« Quelle est la procédure pour déclarer une ALD ? »). Each finding once,
 * in the order of the text.
 */
export function findSensitiveData(text: string): SensitiveDataFound[] {
  const found: { kind: SensitiveDataFound['kind']; excerpt: string; at: number }[] = findNirs(text).map((excerpt) => ({ kind: 'nir', excerpt, at: text.indexOf(excerpt) }));
  const { folded, origins } = foldWithOrigins(text);
  for (const match of folded.matchAll(BIRTH_DATE)) {
    const at = origins[match.index]!;
    found.push({ kind: 'birthdate', excerpt: text.slice(at, origins[match.index + match[0].length]!), at });
  }
  for (const match of text.matchAll(NAME_WITH_DATE)) {
    if (!found.some((f) => f.kind === 'birthdate' && f.at >= match.index && f.at < match.index + match[0].length)) found.push({ kind: 'birthdate', excerpt: match[0], at: match.index });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter(({ kind, excerpt }) => {
      const key = `${kind}:${excerpt.toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ kind, excerpt }) => ({ kind, excerpt }));
}

/** The message that refuses a text with sensitive data, naming what was found. */
export function sensitiveDataMessage(found: readonly SensitiveDataFound[], locale: string = 'fr'): string {
  const lang = toLocale(locale);
  const parts: string[] = [];
  const nirs = found.filter((f) => f.kind === 'nir');
  const births = found.filter((f) => f.kind === 'birthdate');
  const quote = (text: string) => (lang === 'fr' ? `« ${text} »` : `“${text}”`);
  const colon = lang === 'fr' ? ' : ' : ': ';
  if (nirs.length > 0) parts.push(domainMessage('contact.nir', {}, lang) + colon + nirs.map((f) => quote(f.excerpt)).join(', '));
  if (births.length > 0) parts.push(domainMessage('contact.birthdate', {}, lang) + colon + births.map((f) => quote(f.excerpt)).join(', '));
  return domainMessage('contact.sensitiveData', { found: parts.join(lang === 'fr' ? ' ; ' : '; ') }, lang);
}
