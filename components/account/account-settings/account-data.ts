import type { ReactiveController } from 'lit';
import type { AccountEvent, AccountProfile } from '../../data/session/account-api.ts';
import type { AccountSettingsHost } from './account-settings-view.ts';

/**
 * What « Mon compte » shows, from the server through the provider's `account` service: the
 * profile and the latest events. A newer load (another session) wins over a late answer.
 */
export class AccountDataController implements ReactiveController {
  profile: AccountProfile | null = null;
  loadFailure: unknown = null;
  events: readonly AccountEvent[] | null = null;
  eventsFailure: unknown = null;
  #loads = 0;

  constructor(private readonly host: AccountSettingsHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Fetches the profile and the events, from nothing shown. */
  async load(): Promise<void> {
    const load = ++this.#loads;
    const account = this.host.services?.account;
    this.profile = null;
    this.events = null;
    this.loadFailure = null;
    this.eventsFailure = null;
    this.host.requestUpdate();
    // A délégué acting for someone: the account is the délégant's own, the server would refuse.
    if (!account || this.host.services?.session.actor) return;
    const [profile, events] = await Promise.allSettled([account.profile(), account.events()]);
    if (load !== this.#loads) return;
    if (profile.status === 'fulfilled') this.profile = profile.value;
    else this.loadFailure = profile.reason;
    if (events.status === 'fulfilled') this.events = events.value;
    else this.eventsFailure = events.reason;
    this.host.requestUpdate();
  }

  /** After a change: the profile (pending address) and the events again, keeping what is shown on failure. */
  async refresh(): Promise<void> {
    const account = this.host.services?.account;
    if (!account) return;
    const load = this.#loads;
    const [profile, events] = await Promise.allSettled([account.profile(), account.events()]);
    if (load !== this.#loads) return;
    if (profile.status === 'fulfilled') this.profile = profile.value;
    if (events.status === 'fulfilled') {
      this.events = events.value;
      this.eventsFailure = null;
    }
    this.host.requestUpdate();
  }

  /** Settings saved: the profile shown keeps them. */
  keepPreferences(preferences: AccountProfile['preferences']): void {
    if (!this.profile) return;
    this.profile = { ...this.profile, preferences };
    this.host.requestUpdate();
  }
}
