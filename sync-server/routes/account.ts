import { Hono } from 'hono';
import { AccountProfiles } from '../accounts/account-profile.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { localizedJson } from '../i18n.ts';
import { readJsonBody } from '../http/request-body.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import { RateLimiter, TOO_MANY_ATTEMPTS } from '../middleware/rate-limit.ts';
import type { SessionEvents } from '../session-events.ts';

/**
 * `/api/account` (signed in): the user's own account — "Informations professionnelles",
 * "Connexion et sécurité" (e-mail change with validation, password change, latest events),
 * "Paramètres", and the first sign-in's welcome.
 */
export function accountRoutes(db: SqliteDatabase, now: () => Date, appUrl: string, sessionEvents: SessionEvents) {
  const profiles = new AccountProfiles(db, now, appUrl, sessionEvents);
  // A stolen session must not become a way to guess the current password, nor to flood mailboxes.
  const passwordChanges = new RateLimiter(5, 15 * 60 * 1000);
  const emailChanges = new RateLimiter(5, 60 * 60 * 1000);

  return new Hono<{ Variables: AuthVariables }>()
    .get('/', (c) => c.json(profiles.profile(c.get('session').user.id)))
    .get('/events', (c) => c.json({ events: profiles.events(c.get('session').user.id) }))
    .post('/email', async (c) => {
      const userId = c.get('session').user.id;
      emailChanges.hit(userId, now().getTime(), TOO_MANY_ATTEMPTS);
      return localizedJson(c, profiles.requestEmailChange(userId, await readJsonBody(c)), 202);
    })
    .post('/email/resend-validation', (c) => {
      const userId = c.get('session').user.id;
      emailChanges.hit(userId, now().getTime(), TOO_MANY_ATTEMPTS);
      return localizedJson(c, profiles.resendValidation(userId), 202);
    })
    .post('/password', async (c) => {
      const userId = c.get('session').user.id;
      passwordChanges.hit(userId, now().getTime(), TOO_MANY_ATTEMPTS);
      return localizedJson(c, await profiles.changePassword(userId, c.get('token'), await readJsonBody(c)));
    })
    .post('/preferences', async (c) => c.json(profiles.savePreferences(c.get('session').user.id, await readJsonBody(c))))
    .post('/welcome', (c) => {
      profiles.welcomed(c.get('session').user.id);
      return c.body(null, 204);
    });
}
