import { validateRpps } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError } from '../http-errors.ts';

/**
 * Strong authentication by CPS card (carte de professionnel de santé). Real cards are read by
 * the practitioner's card reader and middleware, out of reach here: the server asks a pluggable
 * authenticator who the card belongs to. The one shipped is a **simulated card** (said so on
 * screen): the holder's RPPS number and holder code `1234`. A real one would verify the card's
 * signed certificate instead.
 */
export interface CpsAuthenticator {
  readonly kind: 'simulated';
  /** The RPPS number of the card's holder, or an ApiError (401) saying why the card is refused. */
  authenticate(card: unknown): string;
}

export const SIMULATED_CARD_CODE = '1234';

export const simulatedCpsAuthenticator: CpsAuthenticator = {
  kind: 'simulated',
  authenticate(card) {
    const { rpps, code } = (typeof card === 'object' && card !== null ? card : {}) as { rpps?: unknown; code?: unknown };
    const number = validateRpps(typeof rpps === 'string' ? rpps : '');
    if (!number.valid) {
      throw new ApiError(
        400,
        { fr: 'Carte CPS simulée : saisissez le numéro RPPS inscrit sur la carte (11 chiffres).', en: 'Simulated CPS card: enter the RPPS number printed on the card (11 digits).' },
        { reason: 'invalid_card' },
      );
    }
    if (code !== SIMULATED_CARD_CODE) throw new ApiError(401, { fr: 'Code porteur de la carte CPS incorrect.', en: 'Wrong CPS card holder code.' }, { reason: 'wrong_card_code' });
    return number.value;
  },
};

/**
 * Signs in with a CPS card: the account of the card's holder, unlocked at once (a CPS sign-in
 * lifts the lockout of wrong passwords, as the seeds say). Returns the account id.
 */
export function signInWithCps(db: SqliteDatabase, authenticator: CpsAuthenticator, card: unknown): string {
  const rpps = authenticator.authenticate(card);
  const account = db.prepare('SELECT id FROM users WHERE rpps = ?').get(rpps) as { id: string } | undefined;
  if (!account) {
    throw new ApiError(
      401,
      { fr: 'Aucun compte n’est associé à cette carte CPS : créez votre compte avec la carte.', en: 'No account is linked to this CPS card: create your account with the card.' },
      { reason: 'unknown_card' },
    );
  }
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(account.id);
  return account.id;
}
