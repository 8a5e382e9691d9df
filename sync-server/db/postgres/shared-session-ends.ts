import type pg from 'pg';
import type { SessionEnd, SessionEvents } from '../../session-events.ts';
import { SESSIONS_CHANNEL, type ChangeNoticeListener } from './change-notices.ts';

/**
 * Session ends shared by the instances of one PostgreSQL database: a sign-out, a password changed
 * or reset, a delegation that stops allowing access, published on one instance's `SessionEvents`
 * (after its transaction committed), is told to the others by NOTIFY and published on theirs, so
 * that the live streams they hold for those sessions end at once, as on one server. (Every
 * request checks its session in the database anyway; this is for the streams already open.)
 */
export function shareSessionEnds(events: SessionEvents, pool: Pick<pg.Pool, 'query'>, listener: ChangeNoticeListener): void {
  let relaying = false;
  events.subscribe((end) => {
    if (relaying) return;
    pool.query('SELECT pg_notify($1, $2)', [SESSIONS_CHANNEL, JSON.stringify({ i: listener.instance, end })]).catch((error: unknown) => console.error('[sync-server] could not tell the other instances of a session end:', error));
  });
  listener.onSessionEnd((payload) => {
    const told = JSON.parse(payload) as { i: string; end: SessionEnd };
    if (told.i === listener.instance) return;
    // Published here without being told back (delivery is synchronous).
    relaying = true;
    try {
      events.publish(told.end);
    } finally {
      relaying = false;
    }
  });
}
