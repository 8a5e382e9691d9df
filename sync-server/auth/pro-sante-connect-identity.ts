import { validateCpeCardId, validateFiness, validateRpps } from '../../domain/index.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import type { StrongIdentity } from './strong-auth.ts';

/** What of the settings reads an identity (`PSC_IDENTIFIER_CLAIM`, `PSC_DIRECTOR_ROLES`). */
export interface IdentitySettings {
  readonly identifierClaim: string;
  readonly directorRoles: readonly string[];
}

const NO_IDENTIFIER: Localized = {
  fr: 'Pro Santé Connect n’a transmis ni numéro RPPS ni identifiant de carte CPE : connectez-vous avec votre carte CPS, CPE ou de directeur d’établissement, ou avec l’application e-CPS.',
  en: 'Pro Santé Connect sent neither an RPPS number nor a CPE card identifier: sign in with your CPS, CPE or establishment director’s card, or with the e-CPS app.',
};
const NO_STRUCTURE: Localized = {
  fr: 'Pro Santé Connect vous connaît comme directeur d’établissement mais ne rattache cette fonction à aucun N° FINESS : faites compléter votre situation d’exercice dans l’annuaire santé (RPPS+), ou connectez-vous avec l’identifiant et le mot de passe du centre.',
  en: 'Pro Santé Connect knows you as an establishment director but links that role to no FINESS number: have your practice situation completed in the health directory (RPPS+), or sign in with the centre’s identifier and password.',
};

/**
 * The national identifier of Pro Santé Connect is `8` + the RPPS number (`0` + ADELI for the
 * professions without RPPS); a bare RPPS is accepted too. Returns the RPPS, or null.
 */
export function rppsOfNationalIdentifier(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const candidate = /^8\d{11}$/.test(value) ? value.slice(1) : value;
  const rpps = validateRpps(candidate);
  return rpps.valid ? rpps.value : null;
}

/** One place of practice of `SubjectRefPro.exercices[].activities[]` (the fields read here). */
interface Activity {
  readonly codeRole?: unknown;
  readonly numeroFinessSite?: unknown;
  readonly numeroFinessetablissementJuridique?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The activities of the `SubjectRefPro` claim (an object, or its JSON text), every exercise's. */
function activitiesOf(refPro: unknown): Activity[] {
  let value = refPro;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  const exercices = isObject(value) ? value['exercices'] : undefined;
  if (!Array.isArray(exercices)) return [];
  return exercices.flatMap((exercice) => (isObject(exercice) && Array.isArray(exercice['activities']) ? exercice['activities'].filter(isObject) : []));
}

/**
 * Who a Pro Santé Connect identity is, for this server (its claims: the ID token's, with the
 * userinfo answer's):
 * - the national identifier (`PSC_IDENTIFIER_CLAIM`, default `SubjectNameID`) is `8` + an RPPS:
 *   the professional of that RPPS (CPS card, e-CPS);
 * - otherwise, an activity of `SubjectRefPro` whose `codeRole` is one of `PSC_DIRECTOR_ROLES`:
 *   the director of the establishment of that activity's FINESS (`numeroFinessSite`, else
 *   `numeroFinessetablissementJuridique`) — a director's role without a FINESS is refused (403
 *   `no_structure`);
 * - otherwise the national identifier of a card holder without RPPS (a CPE card's, the one on its
 *   first line that the délégant typed in the delegation): the délégué a validated « Assistant
 *   médical » delegation names.
 * Nothing usable: 403 `no_rpps`.
 */
export function identityOfClaims(claims: Readonly<Record<string, unknown>>, settings: IdentitySettings): StrongIdentity {
  const identifier = claims[settings.identifierClaim];
  const rpps = rppsOfNationalIdentifier(identifier);
  if (rpps) return { rpps };
  const directing = activitiesOf(claims['SubjectRefPro']).filter((activity) => typeof activity.codeRole === 'string' && settings.directorRoles.includes(activity.codeRole));
  if (directing.length > 0) {
    const finess = directing
      .flatMap((activity) => [activity.numeroFinessSite, activity.numeroFinessetablissementJuridique])
      .map((value) => (typeof value === 'string' && value !== '' ? validateFiness(value) : null))
      .find((result) => result?.valid);
    if (!finess?.valid) throw new ApiError(403, NO_STRUCTURE, { reason: 'no_structure' });
    return { rpps: '', directorOf: finess.value };
  }
  const cpe = typeof identifier === 'string' ? validateCpeCardId(identifier) : null;
  if (!cpe?.valid) throw new ApiError(403, NO_IDENTIFIER, { reason: 'no_rpps' });
  return { rpps: '', cpeCardId: cpe.value };
}
