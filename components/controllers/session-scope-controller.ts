import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Session } from '../data/session/session.ts';

/** Who is working: the user, and the délégué acting for them if any. */
function whoIsWorking(session: Session | undefined): string | null {
  return session ? `${session.user.id}|${session.actor?.id ?? ''}` : null;
}

/**
 * Clears what a person typed or searched when someone else comes: `clear()` runs when the session
 * of the element's provider becomes another person's (another account after a sign-out, acting
 * for a délégant and back), so the next person never sees the previous one's patient, NIR or
 * message; while nobody is signed in the element shows nothing of it.
 * It runs in the host's update, before rendering: what it sets is rendered at once.
 */
export class SessionScopeController implements ReactiveController {
  #who: string | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly session: () => Session | undefined,
    private readonly clear: () => void,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const who = whoIsWorking(this.session());
    // No session for a moment (the provider closes one before it opens the next): the element
    // shows « connectez-vous » and keeps the work, which is cleared only if someone else comes —
    // the same person back (a renewed token) finds it again.
    if (who === null) return;
    if (this.#who !== null && who !== this.#who) this.clear();
    this.#who = who;
  }
}
