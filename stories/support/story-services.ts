import { provide } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { BehaviorSubject } from 'rxjs';
import type { SyncStatus } from '../../components/data/sync/sync-status.ts';
import { teleservicesContext, type TeleservicesServices } from '../../components/data/teleservices-context.ts';

/**
 * Stories only: provides a signed-in session whose sync status is whatever the story says,
 * so each state of a widget can be shown without a server. The real provider is
 * `<teleservices-provider>`; tests use it with a real server.
 */
@customElement('story-teleservices')
export class StoryTeleservices extends LitElement {
  @property({ attribute: false }) status: SyncStatus = { connection: 'online', pending: 0, refused: 0, conflicts: 0, error: null };

  readonly #status$ = new BehaviorSubject<SyncStatus>(this.status);

  @provide({ context: teleservicesContext })
  services: TeleservicesServices = {
    session: {
      token: 'story',
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: { id: 'u-martin', email: 'dr.martin@demo.test', role: 'medecin', civility: 'Dr', firstName: 'Claire', lastName: 'Martin', strongAuth: false, structures: [] },
    },
    syncStatus$: this.#status$,
  } as unknown as TeleservicesServices;

  protected override updated(): void {
    this.#status$.next(this.status);
  }

  override render() {
    return html`<slot></slot>`;
  }
}
