import { Hono } from 'hono';
import type { Localized } from '../http-errors.ts';
import { localizedJson } from '../i18n.ts';
import { InsurerContactMessages } from './insurer-contact.ts';
import type { InsurerContactStorage } from './insurer-contact-storage.ts';
import { readJsonBody } from '../http/request-body.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import type { RateLimitStorage } from '../auth/auth-storage.ts';
import { RateLimiter } from '../middleware/rate-limit.ts';

export const INSURER_CONTACT_LIMIT = 10;
const TOO_MANY_MESSAGES: Localized = {
  fr: 'Vous avez envoyé beaucoup de messages en peu de temps : patientez avant d’en envoyer un autre.',
  en: 'You have sent many messages in a short time: wait before sending another one.',
};

/**
 * `/api/insurer-contact` (signed in): « Contacter l'Assurance Maladie ». `POST /` sends a general
 * question to an insurer office; 201 `{reference, message}`.
 */
export function insurerContactRoutes(store: InsurerContactStorage, now: () => Date, rateLimits: RateLimitStorage) {
  const messages = new InsurerContactMessages(store, now);
  // Counts messages that leave, not refused forms: a signed-in user must not flood an office.
  const sent = new RateLimiter(rateLimits, 'insurer-contact', INSURER_CONTACT_LIMIT, 60 * 60 * 1000);

  return new Hono<{ Variables: AuthVariables }>().post('/', async (c) => {
    const user = c.get('session').user;
    const contact = messages.check(await readJsonBody(c));
    await sent.hit(user.id, now().getTime(), TOO_MANY_MESSAGES);
    return localizedJson(c, await messages.send(user, contact), 201);
  });
}
