import { Hono } from 'hono';
import { validateNir, validationMessage } from '../../domain/index.ts';
import type { FicheCollection } from '../fiches/fiche-collection.ts';
import { ApiError } from '../http-errors.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';

/** `/api/fiches`: search beyond the replicated scope, and opening a found file. */
export function ficheRoutes(fiches: FicheCollection) {
  return new Hono<{ Variables: AuthVariables }>()
    .get('/search', (c) => {
      const nirParam = c.req.query('nir');
      if (nirParam === undefined || nirParam.trim() === '') {
        throw new ApiError(400, 'La recherche sur le serveur se fait par NIR complet (15 caractères, clé comprise).', { reason: 'nir_required' });
      }
      const nir = validateNir(nirParam);
      if (!nir.valid) throw new ApiError(400, validationMessage(nir), { reason: 'invalid_nir', field: 'nir' });
      return c.json({ documents: fiches.searchByNir(c.get('session'), nir.value) });
    })
    .post('/:id/open', (c) => c.json({ document: fiches.open(c.get('session'), c.req.param('id')) }));
}
