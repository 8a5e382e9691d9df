import { validateCpeCardId, validateFiness, validateRpps } from '../../domain/index.ts';
import { ApiError } from '../http-errors.ts';
import { AttemptCounter, MAX_FAILED_ATTEMPTS, minutesText } from './attempt-counter.ts';
import type { LockoutStorage } from './auth-storage.ts';
import type { StrongAuthenticator } from './strong-auth.ts';

export const SIMULATED_CARD_CODE = '1234';

/** A simulated card as the client sends it: which card, its number, the holder code. */
type CardRead = { readonly kind: 'cps'; readonly number: string } | { readonly kind: 'cpe'; readonly number: string } | { readonly kind: 'cde'; readonly number: string };

const CARD_NAMES = { cps: { fr: 'CPS', en: 'CPS card' }, cpe: { fr: 'CPE', en: 'CPE card' }, cde: { fr: 'de directeur', en: 'director’s card' } } as const;

const MALFORMED = {
  cps: { fr: 'Carte CPS simulée : saisissez le numéro RPPS inscrit sur la carte (11 chiffres).', en: 'Simulated CPS card: enter the RPPS number printed on the card (11 digits).' },
  cpe: {
    fr: 'Carte CPE simulée : saisissez l’identifiant de la première ligne de la carte, tous ses caractères, sans les espaces.',
    en: 'Simulated CPE card: enter the identifier on the card’s first line, every character, without spaces.',
  },
  cde: { fr: 'Carte de directeur simulée : saisissez le N° FINESS de l’établissement inscrit sur la carte (9 chiffres).', en: 'Simulated director’s card: enter the establishment’s FINESS number printed on the card (9 digits).' },
} as const;

/** The card a proof names, its number checked by the domain's validators; null when malformed. */
function readCard(proof: { rpps?: unknown; cpe?: unknown; finess?: unknown }): CardRead | { readonly kind: CardRead['kind']; readonly number: null } {
  if (proof.cpe !== undefined) {
    const id = validateCpeCardId(typeof proof.cpe === 'string' ? proof.cpe : '');
    return { kind: 'cpe', number: id.valid ? id.value : null };
  }
  if (proof.finess !== undefined) {
    const finess = validateFiness(typeof proof.finess === 'string' ? proof.finess : '');
    return { kind: 'cde', number: finess.valid ? finess.value : null };
  }
  const rpps = validateRpps(typeof proof.rpps === 'string' ? proof.rpps : '');
  return { kind: 'cps', number: rpps.valid ? rpps.value : null };
}

/**
 * The **simulated cards** (said so on screen), for the demo and the tests: a professional's CPS
 * card (`{rpps, code}`: the holder's RPPS number), a CPE card (`{cpe, code}`: « carte de
 * personnel d'établissement », a medical assistant's, by the identifier of its first line — seed
 * 003: « Connexion en CPS/CPE (selon son profil) ») and an establishment director's card
 * (`{finess, code}`: the establishment's FINESS), each with holder code `1234`. Real cards are
 * read by the practitioner's card reader and middleware, out of reach here. Only where it is asked
 * for: `SIMULATED_CPS=1`, which `SEED=demo` and `npm run demo` imply — never in production. Wrong
 * holder codes are counted per card like wrong passwords: the third locks the card for 15
 * minutes (a real card blocks itself after three).
 */
export function simulatedCpsAuthenticator(lockouts: LockoutStorage): StrongAuthenticator {
  const counter = (card: { fr: string; en: string }) =>
    new AttemptCounter(lockouts, 'card', (minutes) => ({
      fr: `${card.fr} bloquée après ${MAX_FAILED_ATTEMPTS} codes porteur erronés. Réessayez dans ${minutesText(minutes)}.`,
      en: `${card.en} locked after ${MAX_FAILED_ATTEMPTS} wrong holder codes. Try again in ${minutesText(minutes)}.`,
    }));
  const codeAttempts = {
    cps: counter({ fr: 'Carte CPS', en: 'CPS card' }),
    cpe: counter({ fr: 'Carte CPE', en: 'CPE card' }),
    cde: counter({ fr: 'Carte de directeur', en: 'Director’s card' }),
  };
  return {
    kind: 'simulated_cps',
    async authenticate(card, now) {
      const proof = (typeof card === 'object' && card !== null ? card : {}) as { rpps?: unknown; cpe?: unknown; finess?: unknown; code?: unknown };
      const read = readCard(proof);
      if (read.number === null) throw new ApiError(400, MALFORMED[read.kind], { reason: 'invalid_card' });
      // The CPS card's counter keeps its RPPS as key; the other cards' say which card they are.
      const key = read.kind === 'cps' ? read.number : `${read.kind}:${read.number}`;
      if (!(await codeAttempts[read.kind].attempt(key, now, async () => proof.code === SIMULATED_CARD_CODE))) {
        throw new ApiError(
          401,
          { fr: `Code porteur de la carte ${CARD_NAMES[read.kind].fr} incorrect. Au ${MAX_FAILED_ATTEMPTS}e code erroné, la carte est bloquée.`, en: `Wrong ${CARD_NAMES[read.kind].en} holder code. After ${MAX_FAILED_ATTEMPTS} wrong codes, the card is locked.` },
          { reason: 'wrong_card_code' },
        );
      }
      switch (read.kind) {
        case 'cps':
          return { rpps: read.number };
        case 'cpe':
          return { rpps: '', cpeCardId: read.number };
        case 'cde':
          return { rpps: '', directorOf: read.number };
      }
    },
  };
}
