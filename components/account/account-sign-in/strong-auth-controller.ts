import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../../../domain/i18n/index.ts';
import type { ProviderReturn, StrongAuthIntent } from '../../data/session/pro-sante-connect-return.ts';
import { strongAuthKind, type StrongAuthKind } from '../../data/session/strong-auth.ts';
import { translator } from '../../i18n/messages.ts';
import type { StrongAuthFlow } from './account-sign-in.events.ts';
import { proSanteConnectMessages } from './pro-sante-connect.messages.ts';
import { POPUP_BLOCKED, POPUP_CLOSED, runProSanteConnect } from './pro-sante-connect-flow.ts';

export interface StrongAuthHost extends ReactiveControllerHost, EventTarget {
  readonly server: string;
  /** The kind the host was told ('' to ask the server). */
  readonly strongAuth: StrongAuthKind | '';
  readonly strongAuthFlow: StrongAuthFlow;
  readonly locale: Locale;
}

/**
 * The card block's strong authentication, for `<account-sign-in>` and `<account-create>`: which
 * one the server has (`GET /api/auth/strong`, asked again when `server` changes), Pro Santé
 * Connect's flow started the host's way (redirect or popup), and a provider's refusal in words.
 */
export class StrongAuthController implements ReactiveController {
  #serverKind: StrongAuthKind | '' = '';
  #askedOf: string | null = null;
  #asking: Promise<StrongAuthKind | ''> = Promise.resolve('');

  constructor(private readonly host: StrongAuthHost) {
    host.addController(this);
  }

  /** What the host was told, else what the server said ('' until it answers). */
  get kind(): StrongAuthKind | '' {
    return this.host.strongAuth || this.#serverKind;
  }

  /** A provider's return arrived: the server has Pro Santé Connect, whatever it answered yet. */
  returned(): void {
    this.#serverKind ||= 'pro_sante_connect';
  }

  hostUpdated(): void {
    if (this.host.strongAuth || this.#askedOf === this.host.server) return;
    const server = (this.#askedOf = this.host.server);
    this.#asking = strongAuthKind(server, () => this.host.locale)
      .then((kind) => {
        if (server !== this.host.server) return this.kind;
        this.#serverKind = kind;
        this.host.requestUpdate();
        return kind;
      })
      // Unreachable: the card block stays as it was; using it says why.
      .catch(() => this.kind);
  }

  /** The kind once the server has answered (or could not be reached: then what is known, maybe ''). */
  known(): Promise<StrongAuthKind | ''> {
    return this.kind ? Promise.resolve(this.kind) : this.#asking;
  }

  /** Leaves for Pro Santé Connect (`intent`: sign in, or create the account); the popup's return, else null. */
  start(intent: StrongAuthIntent): Promise<ProviderReturn | null> {
    const { server, locale, strongAuthFlow: flow } = this.host;
    return runProSanteConnect({ server, locale: () => locale, flow, intent, host: this.host });
  }

  /** Why a return is a refusal, in the host's language. */
  refusal(outcome: Extract<ProviderReturn, { error: string }>): string {
    const t = translator(proSanteConnectMessages, this.host.locale);
    if (outcome.error === 'access_denied') return t('pscCancelled');
    if (outcome.error === POPUP_CLOSED) return t('pscClosed');
    if (outcome.error === POPUP_BLOCKED) return t('pscBlocked');
    return t('pscRefused', { reason: outcome.description || outcome.error });
  }
}
