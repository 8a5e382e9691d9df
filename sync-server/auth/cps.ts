import { validateRpps } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError } from '../http-errors.ts';
import { AttemptCounter, MAX_FAILED_ATTEMPTS, minutesText } from './attempt-counter.ts';
import type { StrongAuthenticator } from './strong-auth.ts';

export const SIMULATED_CARD_CODE = '1234';

/**
 * The **simulated CPS card** (said so on screen): the holder's RPPS number and holder code
 * `1234`. Real cards are read by the practitioner's card reader and middleware, out of reach
 * here. Only where it is asked for: `SIMULATED_CPS=1`, which `SEED=demo` and `npm run demo`
 * imply — never in production. Wrong holder codes are counted per card like wrong passwords:
 * the third locks the card for 15 minutes (a real card blocks itself after three).
 */
export function simulatedCpsAuthenticator(db: SqliteDatabase): StrongAuthenticator {
  const codeAttempts = new AttemptCounter(db, { table: 'card_holder_attempts', attempts: 'failed_attempts', lockedUntil: 'locked_until' }, (minutes) => ({
    fr: `Carte CPS bloquée après ${MAX_FAILED_ATTEMPTS} codes porteur erronés. Réessayez dans ${minutesText(minutes)}.`,
    en: `CPS card locked after ${MAX_FAILED_ATTEMPTS} wrong holder codes. Try again in ${minutesText(minutes)}.`,
  }));
  return {
    kind: 'simulated_cps',
    async authenticate(card, now) {
      const { rpps, code } = (typeof card === 'object' && card !== null ? card : {}) as { rpps?: unknown; code?: unknown };
      const number = validateRpps(typeof rpps === 'string' ? rpps : '');
      if (!number.valid) {
        throw new ApiError(
          400,
          { fr: 'Carte CPS simulée : saisissez le numéro RPPS inscrit sur la carte (11 chiffres).', en: 'Simulated CPS card: enter the RPPS number printed on the card (11 digits).' },
          { reason: 'invalid_card' },
        );
      }
      db.prepare('INSERT OR IGNORE INTO card_holder_attempts (id) VALUES (?)').run(number.value);
      if (!(await codeAttempts.attempt(number.value, now, async () => code === SIMULATED_CARD_CODE))) {
        throw new ApiError(
          401,
          { fr: `Code porteur de la carte CPS incorrect. Au ${MAX_FAILED_ATTEMPTS}e code erroné, la carte est bloquée.`, en: `Wrong CPS card holder code. After ${MAX_FAILED_ATTEMPTS} wrong codes, the card is locked.` },
          { reason: 'wrong_card_code' },
        );
      }
      return { rpps: number.value };
    },
  };
}
