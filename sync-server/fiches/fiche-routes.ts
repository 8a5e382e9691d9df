import { Hono } from 'hono';
import { inEveryLocale, nameSearchKey, validateNir, validationMessage } from '../../domain/index.ts';
import type { FicheCollection } from './fiche-collection.ts';
import { ApiError } from '../http-errors.ts';
import { readJsonBody } from '../http/request-body.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import type { RateLimitStorage } from '../auth/auth-storage.ts';
import { IdentifierAndAddressLimit } from '../middleware/rate-limit.ts';

/**
 * `/api/fiches`: search beyond the replicated scope, and opening a found file. With `lastName`
 * and `firstName` too (accents and case ignored), it finds the duplicates of a file about to be
 * created: same NIR, nom and prénom. `/insured?nir=` looks a person up in the insurer's
 * directory of insured people, to prefill a file's identity. Every lookup by NIR lives in this
 * sub-app, so that one rate limit covers them all.
 */
/**
 * Lookups by NIR per person (the délégué, when acting for someone) and per client address, in
 * 15 minutes: a practice's day needs a few dozen; finding a file by trying the 999 order numbers
 * of a NIR would take hours, and every search is audited.
 */
export const NIR_LOOKUP_LIMITS = { perIdentifier: 60, perAddress: 180, windowMs: 15 * 60 * 1000 };

export function ficheRoutes(fiches: FicheCollection, now: () => Date, trustProxy: boolean, rateLimits: RateLimitStorage) {
  const lookups = new IdentifierAndAddressLimit(rateLimits, 'fiches', NIR_LOOKUP_LIMITS, trustProxy, {
    fr: 'Trop de recherches par NIR : patientez avant de réessayer.',
    en: 'Too many searches by NIR: wait before trying again.',
  });
  return new Hono<{ Variables: AuthVariables }>()
    .use('*', async (c, next) => {
      const session = c.get('session');
      await lookups.hit(c, `user:${session.actor?.id ?? session.user.id}`, now().getTime());
      return next();
    })
    .get('/search', async (c) => {
      const nirParam = c.req.query('nir');
      if (nirParam === undefined || nirParam.trim() === '') {
        throw new ApiError(
          400,
          { fr: 'La recherche sur le serveur se fait par NIR complet (15 caractères, clé comprise).', en: 'A search on the server needs the full NIR (15 characters, key included).' },
          { reason: 'nir_required' },
        );
      }
      const nir = validateNir(nirParam);
      if (!nir.valid) throw new ApiError(400, inEveryLocale((locale) => validationMessage(nir, locale)), { reason: 'invalid_nir', field: 'nir' });
      const lastName = nameSearchKey(c.req.query('lastName'));
      const firstName = nameSearchKey(c.req.query('firstName'));
      const documents = (await fiches.searchByNir(c.get('session'), nir.value)).filter((f) => (lastName === '' || nameSearchKey(f.lastName) === lastName) && (firstName === '' || nameSearchKey(f.firstName) === firstName));
      return c.json({ documents });
    })
    .get('/insured', async (c) => {
      const nir = validateNir(c.req.query('nir') ?? '');
      if (!nir.valid) throw new ApiError(400, inEveryLocale((locale) => validationMessage(nir, locale)), { reason: 'invalid_nir', field: 'nir' });
      const person = await fiches.lookupInsured(c.get('session'), nir.value);
      if (person === null) {
        throw new ApiError(404, { fr: 'Ce NIR n’est pas dans le répertoire des assurés : saisissez l’identité.', en: 'This NIR is not in the directory of insured people: enter the identity.' }, { reason: 'not_found' });
      }
      return c.json({ person });
    })
    .post('/:id/open', async (c) => {
      const body = (await readJsonBody(c)) as { nir?: unknown } | null;
      const nir = validateNir(typeof body?.nir === 'string' ? body.nir : '');
      if (!nir.valid) {
        throw new ApiError(
          400,
          { fr: `Ouvrir une fiche trouvée par recherche demande son NIR complet : ${validationMessage(nir, 'fr')}`, en: `Opening a file found by search needs its full NIR: ${validationMessage(nir, 'en')}` },
          { reason: 'invalid_nir', field: 'nir' },
        );
      }
      return c.json({ document: await fiches.open(c.get('session'), c.req.param('id'), nir.value) });
    });
}
