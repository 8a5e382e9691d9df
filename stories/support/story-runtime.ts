import { provide } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { teleservicesContext, type TeleservicesServices } from '../../components/data/teleservices-context.ts';
import { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';

/**
 * Stories only: a real runtime (in-memory database, offline, no server) that a story fills
 * with the state it shows. `<story-runtime-host>` provides its services to the widgets inside.
 */
export async function openStoryRuntime(role = 'medecin'): Promise<TeleservicesRuntime> {
  return TeleservicesRuntime.open({
    server: 'http://127.0.0.1:9',
    storage: 'memory',
    offline: true,
    session: {
      token: 'story',
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: { id: `story-${Math.random().toString(36).slice(2, 8)}`, email: 'dr.martin@demo.test', role, civility: 'Dr', firstName: 'Claire', lastName: 'Martin', strongAuth: false, structures: [] },
    },
  });
}

@customElement('story-runtime-host')
export class StoryRuntimeHost extends LitElement {
  @provide({ context: teleservicesContext })
  @property({ attribute: false })
  services: TeleservicesServices | undefined;

  override render() {
    return html`<slot></slot>`;
  }
}
