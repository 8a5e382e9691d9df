import { provide } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Session, SessionUser } from '../data/session/session.ts';
import { teleservicesContext, type TeleservicesServices } from '../data/teleservices-context.ts';
import { TeleservicesRuntime } from '../data/teleservices-runtime.ts';

/**
 * Tests: a real runtime on an in-memory database, offline (no server), for a user of the given
 * role; `<test-runtime-provider>` hands its services to the widgets inside, as the provider does.
 */
export async function openTestRuntime(role = 'medecin', user: Partial<SessionUser> = {}, session: Pick<Session, 'actor' | 'delegation'> = {}): Promise<TeleservicesRuntime> {
  return TeleservicesRuntime.open({
    server: 'http://127.0.0.1:9',
    storage: 'memory',
    offline: true,
    session: {
      token: 'offline-test',
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: {
        id: `u-${Math.random().toString(36).slice(2, 10)}`,
        email: 'test@demo.test',
        role,
        civility: 'Dr',
        firstName: 'Claire',
        lastName: 'Martin',
        strongAuth: false,
        structures: [{ id: 's-test', kind: 'cabinet', name: 'Cabinet Test', amNumber: '631994977', finess: null }],
        accountKind: 'liberal',
        emailVerified: true,
        firstSignIn: false,
        passwordChangeRequired: false,
        ...user,
      },
      ...session,
    },
  });
}

@customElement('test-runtime-provider')
export class TestRuntimeProvider extends LitElement {
  @provide({ context: teleservicesContext })
  @property({ attribute: false })
  services: TeleservicesServices | undefined;

  override render() {
    return html`<slot></slot>`;
  }
}
