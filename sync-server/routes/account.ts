import { Hono } from 'hono';
import type { AccountMigrations } from '../accounts/account-migration.ts';
import { AccountProfiles } from '../accounts/account-profile.ts';
import type { AccountStorage } from '../accounts/account-storage.ts';
import type { RateLimitStorage } from '../auth/auth-storage.ts';
import { localizedJson } from '../i18n.ts';
import { readJsonBody } from '../http/request-body.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import { RateLimiter, TOO_MANY_ATTEMPTS } from '../middleware/rate-limit.ts';
import type { SessionEvents } from '../session-events.ts';

/**
 * `/api/account` (signed in): the user's own account — "Informations professionnelles",
 * "Connexion et sécurité" (e-mail change with validation, password change, latest events),
 * "Paramètres", the first sign-in's welcome, and a former pharmacy or laboratory account's
 * migration (the kind chosen in situation 2; the explanation read).
 */
export function accountRoutes(accounts: AccountStorage, rateLimits: RateLimitStorage, now: () => Date, appUrl: string, sessionEvents: SessionEvents, migrations: AccountMigrations) {
  const profiles = new AccountProfiles(accounts, now, appUrl, sessionEvents);
  // A stolen session must not become a way to guess the current password, nor to flood mailboxes.
  const passwordChanges = new RateLimiter(rateLimits, 'account/password', 5, 15 * 60 * 1000);
  const emailChanges = new RateLimiter(rateLimits, 'account/email', 5, 60 * 60 * 1000);
  // A refused choice tells whether an address is another account's: counted like e-mail changes.
  const migrationChoices = new RateLimiter(rateLimits, 'account/migration', 10, 60 * 60 * 1000);

  return new Hono<{ Variables: AuthVariables }>()
    .get('/', async (c) => c.json(await profiles.profile(c.get('session').user.id)))
    .get('/events', async (c) => c.json({ events: await profiles.events(c.get('session').user.id) }))
    .post('/email', async (c) => {
      const userId = c.get('session').user.id;
      await emailChanges.hit(userId, now().getTime(), TOO_MANY_ATTEMPTS);
      return localizedJson(c, await profiles.requestEmailChange(userId, await readJsonBody(c)), 202);
    })
    .post('/email/resend-validation', async (c) => {
      const userId = c.get('session').user.id;
      await emailChanges.hit(userId, now().getTime(), TOO_MANY_ATTEMPTS);
      return localizedJson(c, await profiles.resendValidation(userId), 202);
    })
    .post('/password', async (c) => {
      const userId = c.get('session').user.id;
      await passwordChanges.hit(userId, now().getTime(), TOO_MANY_ATTEMPTS);
      return localizedJson(c, await profiles.changePassword(userId, c.get('token'), await readJsonBody(c)));
    })
    .post('/preferences', async (c) => c.json(await profiles.savePreferences(c.get('session').user.id, await readJsonBody(c))))
    .post('/welcome', async (c) => {
      await profiles.welcomed(c.get('session').user.id);
      return c.body(null, 204);
    })
    .post('/migration', async (c) => {
      const userId = c.get('session').user.id;
      await migrationChoices.hit(userId, now().getTime(), TOO_MANY_ATTEMPTS);
      return localizedJson(c, await migrations.choose(userId, await readJsonBody(c)));
    })
    .post('/migration/acknowledge', async (c) => {
      await migrations.acknowledge(c.get('session').user.id);
      return c.body(null, 204);
    });
}
