import { OnDemand } from '../../data/on-demand.ts';

/**
 * `<password-checklist>`, fetched by the forms that show it (`<account-create>`,
 * `<delegation-invitation>` the step before; `<account-settings>` when its password form opens): it
 * stays out of their first load. If it
 * cannot be fetched, the form goes without it and the password is still checked at the send.
 */
export const passwordChecklist = new OnDemand(() => import('./password-checklist.ts'));

/** Starts fetching it (nothing to wait for: the element upgrades when it is there). */
export function fetchPasswordChecklist(): void {
  passwordChecklist.get().catch(() => undefined);
}
