import type { DelegationContext } from './delegant-commands.ts';

/** Unanswered invitations are purged after this many days (`DELEGATION_PURGE_DAYS`). */
export const DEFAULT_PURGE_DAYS = 30;

/** Unanswered invitations (`En cours`) older than the purge delay leave the dashboards; returns how many. */
export async function purgeUnanswered({ store, now, publishing, purgeAfterDays }: DelegationContext): Promise<number> {
  const at = now();
  const stale = await store.unansweredSince(new Date(at.getTime() - purgeAfterDays * 86_400_000).toISOString());
  for (const id of stale) {
    const view = await store.purge(id, at.toISOString());
    if (view) publishing.changed(view);
  }
  return stale.length;
}
