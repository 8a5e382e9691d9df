import type { DelegationStatus } from '../../../domain/delegation/delegation-rules.ts';
import { DelegationInvitationApi, type DelegationInvitationService, type InvitationView } from '../../data/delegations/delegation-api.ts';
import { CommandController, type CommandHost } from '../../controllers/command-controller.ts';
import { OnDemand } from '../../data/on-demand.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { InvitationAnswer } from './delegation-invitation.events.ts';

/** The délégué's account form checked with the shared schema, loaded with the first send. */
const validation = new OnDemand(() => import('./delegation-invitation-validation.ts'));

/** The steps of the invitation page (seed 003, sections 2 and 3). */
export type InvitationStep =
  | { readonly name: 'loading' }
  /** The délégant's request and the délégué's choices. */
  | { readonly name: 'request'; readonly view: InvitationView }
  /** "Créer votre compte en tant que délégué(e)". */
  | { readonly name: 'account-form'; readonly view: InvitationView }
  /** A confirmation page. */
  | { readonly name: 'done'; readonly delegationId: string; readonly answer: InvitationAnswer; readonly status: DelegationStatus }
  /**
   * The link was used, expired, answered or deleted (`message` is the server's), has no token,
   * or the server refused to show it (too many attempts…).
   */
  | { readonly name: 'invalid'; readonly reason: 'invalid_link' | 'missing' | 'refused'; readonly message: string }
  /** The request could not be loaded: the network is needed. */
  | { readonly name: 'unreachable' };

export interface InvitationHost extends CommandHost {
  readonly server: string;
  readonly token: string;
  /** Replaces the server's API (stories). */
  readonly api: DelegationInvitationService | null;
}

/**
 * The logic of `<delegation-invitation>`: loads what the link names, sends the délégué's
 * answer or account (checked first with the shared `DelegateAccountSchema`), and turns the
 * server's answers into steps and messages: refusals field by field, a spent link, no network
 * (the step stays as it was, so the answer can be sent again).
 */
export class DelegationInvitationController extends CommandController<InvitationStep, InvitationHost> {
  /** Ignores the answer of a load that a newer token replaced. */
  #loads = 0;

  constructor(host: InvitationHost, unreachable: () => string) {
    super(host, { name: 'loading' }, unreachable);
  }

  get #api(): DelegationInvitationService {
    return this.host.api ?? new DelegationInvitationApi(this.host.server, () => this.host.locale);
  }

  /** A spent link ends the page. */
  readonly #linkSpent = (error: ApiRequestError): boolean => {
    if (error.body['reason'] !== 'invalid_link') return false;
    this.go({ name: 'invalid', reason: 'invalid_link', message: error.message });
    return true;
  };

  /** What the link names. */
  async load(): Promise<void> {
    const load = ++this.#loads;
    const token = this.host.token.trim();
    if (!token) {
      this.go({ name: 'invalid', reason: 'missing', message: '' });
      return;
    }
    this.go({ name: 'loading' });
    try {
      const view = await this.#api.view(token);
      if (load === this.#loads) this.go({ name: 'request', view });
    } catch (error) {
      if (load !== this.#loads) return;
      if (error instanceof ApiRequestError && error.kind === 'offline') this.go({ name: 'unreachable' });
      else this.go({ name: 'invalid', reason: error instanceof ApiRequestError && error.body['reason'] === 'invalid_link' ? 'invalid_link' : 'refused', message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** « J'accepte / Je refuse la délégation », « Je ne travaille pas avec ce praticien », « J'ai déjà un compte ». */
  answer(answer: Exclude<InvitationAnswer, 'create_account'>): Promise<void> {
    const step = this.step;
    if ((step.name !== 'request' && step.name !== 'account-form') || this.busy) return Promise.resolve();
    return this.run(async () => {
      const { status } = await this.#api.answer(this.host.token.trim(), answer);
      this.go({ name: 'done', delegationId: step.view.delegation.id, answer, status });
    }, { refused: this.#linkSpent });
  }

  /** « Je crée un compte ». */
  openAccountForm(): void {
    if (this.step.name === 'request') this.go({ name: 'account-form', view: this.step.view });
  }

  /** « Retour » from the form to the request. */
  back(): void {
    if (this.step.name === 'account-form') this.go({ name: 'request', view: this.step.view });
  }

  /** « Créer un compte »: the shared schema first, then the server (which checks it again). */
  async createAccount(form: Record<string, unknown>): Promise<void> {
    const step = this.step;
    if (step.name !== 'account-form' || this.busy) return;
    const input = await this.check(async () => (await validation.get()).checkDelegateAccount({ ...form, token: this.host.token.trim() }, this.host.locale));
    if (!input) return;
    return this.run(async () => {
      const { status } = await this.#api.createAccount(input);
      this.go({ name: 'done', delegationId: step.view.delegation.id, answer: 'create_account', status });
    }, { refused: this.#linkSpent });
  }
}
