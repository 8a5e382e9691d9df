import * as v from 'valibot';
import { domainMessage, toLocale, type Locale } from '../i18n/index.ts';
import { validateNir } from '../identifiers/nir.ts';
import { HEALTH_INSURANCE_SCHEME_VALUES, insurerOfficeByCode } from '../organisations/insurer-offices.ts';
import { message } from '../validation/fields.ts';

/**
 * "Contacter l'Assurance Maladie" (SPEC §5): a practitioner writes to an insurer office about a
 * general question. One schema for `<insurer-contact-form>` and `POST /api/insurer-contact`, and
 * the check for what must never travel this way (a NIR, medical data): those belong to the
 * secure medical exchanges.
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

export const InsurerContactSchema = v.object({
  scheme: v.picklist(HEALTH_INSURANCE_SCHEME_VALUES, message('contact.scheme')),
  office: v.pipe(
    v.string(message('contact.office')),
    v.trim(),
    v.check((code) => insurerOfficeByCode(code) !== undefined, message('contact.office')),
  ),
  subject: v.picklist(INSURER_CONTACT_SUBJECT_VALUES, message('contact.subject')),
  message: v.pipe(
    v.string(message('contact.messageEmpty')),
    // Cheap bound before counting graphemes: no legitimate message needs 8 units per character.
    v.maxLength(INSURER_CONTACT_MESSAGE_MAX * 8, (issue) => domainMessage('contact.messageTooLong', { max: INSURER_CONTACT_MESSAGE_MAX, length: visibleLength(issue.input) }, issue.lang)),
    v.trim(),
    v.minLength(1, message('contact.messageEmpty')),
    v.maxGraphemes(INSURER_CONTACT_MESSAGE_MAX, (issue) => domainMessage('contact.messageTooLong', { max: INSURER_CONTACT_MESSAGE_MAX, length: issue.received }, issue.lang)),
  ),
});
export type InsurerContactInput = v.InferInput<typeof InsurerContactSchema>;
export type InsurerContact = v.InferOutput<typeof InsurerContactSchema>;

/** What `POST /api/insurer-contact` answers (201). */
export interface InsurerContactReceipt {
  /** The request's number, to quote when the office answers, e.g. `AM-7K3F9Q2D`. */
  readonly reference: string;
  /** « Votre demande n° … a bien été transmise à la 941 - CPAM du Val-de-Marne. » */
  readonly message: string;
}

export interface SensitiveDataFound {
  readonly kind: 'nir' | 'medical';
  /** The words as typed, to point at them. */
  readonly excerpt: string;
}

/** Words that make a message medical. Written without accents or case; plurals and feminines allowed. */
const MEDICAL_PATTERNS = [
  'diagnostics?',
  'pathologies?',
  // « traitement de ma demande » is administrative, « traitement de fond » is not.
  'traitements?(?!\\s+(?:de|du|des)\\s+(?:(?:ma|mon|mes|la|le|les|votre|vos|cette|ce|ces|notre|nos)\\s+)?(?:demandes?|dossiers?|factures?|paiements?|remboursements?|courriers?|reclamations?|feuilles?|commandes?|requetes?))',
  'ordonnances?',
  'cancers?',
  'tumeurs?',
  'metastases?',
  'vih',
  'sida',
  'seropositi(?:f|fs|ve|ves)',
  'chimiotherapies?',
  'radiotherapies?',
  'depressions?',
  'depressi(?:f|fs|ve|ves)',
  'grossesses?',
  'enceinte',
  'ivg',
  '(?:tests?|covid|pcr|antigeniques?)\\s+positifs?',
  'positifs?\\s+(?:au|a la)\\s+covid',
  'ald',
  'affections?\\s+de\\s+longue\\s+duree',
  'diabetes?',
  'hepatites?',
  'psychiatriques?',
];
const MEDICAL_WORDS = new RegExp(`(?<![\\p{L}\\p{N}])(?:${MEDICAL_PATTERNS.join('|')})(?![\\p{L}\\p{N}])`, 'gu');

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
 * What must not be sent with « Contacter l'Assurance Maladie »: a NIR (with a valid key, so that
 * phone numbers raise no false alarm) and obvious medical words (whole words, without regard to
 * case or accents). Each finding once, in the order of the text.
 */
export function findSensitiveData(text: string): SensitiveDataFound[] {
  const found: SensitiveDataFound[] = findNirs(text).map((excerpt) => ({ kind: 'nir', excerpt }));
  const { folded, origins } = foldWithOrigins(text);
  for (const match of folded.matchAll(MEDICAL_WORDS)) {
    found.push({ kind: 'medical', excerpt: text.slice(origins[match.index]!, origins[match.index + match[0].length]!) });
  }
  const seen = new Set<string>();
  return found.filter(({ kind, excerpt }) => {
    const key = `${kind}:${excerpt.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The message that refuses a text with sensitive data, naming what was found. */
export function sensitiveDataMessage(found: readonly SensitiveDataFound[], locale: string = 'fr'): string {
  const lang = toLocale(locale);
  const parts: string[] = [];
  const nirs = found.filter((f) => f.kind === 'nir');
  const words = found.filter((f) => f.kind === 'medical');
  const quote = (text: string) => (lang === 'fr' ? `« ${text} »` : `“${text}”`);
  const colon = lang === 'fr' ? ' : ' : ': ';
  if (nirs.length > 0) parts.push(domainMessage('contact.nir', {}, lang) + colon + nirs.map((f) => quote(f.excerpt)).join(', '));
  if (words.length > 0) parts.push(domainMessage('contact.medical', {}, lang) + colon + words.map((f) => quote(f.excerpt)).join(', '));
  return domainMessage('contact.sensitiveData', { found: parts.join(lang === 'fr' ? ' ; ' : '; ') }, lang);
}
