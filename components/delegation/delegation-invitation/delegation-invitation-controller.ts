import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as v from 'valibot';
import { DelegateAccountSchema, type DelegationStatus } from '../../../domain/delegation/delegation.ts';
import { firstIssueByField } from '../../../domain/validation/fields.ts';
import type { Locale } from '../../../domain/i18n/index.ts';
import { DelegationInvitationApi, type DelegationInvitationService, type InvitationView } from '../../data/delegations/delegation-api.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { InvitationAnswer } from './delegation-invitation.events.ts';

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

export interface InvitationHost extends ReactiveControllerHost {
  readonly server: string;
  readonly token: string;
  /** Replaces the server's API (stories). */
  readonly api: DelegationInvitationService | null;
  readonly locale: Locale;
}

/**
 * The logic of `<delegation-invitation>`: loads what the link names, sends the délégué's
 * answer or account (checked first with the shared `DelegateAccountSchema`), and turns the
 * server's answers into steps and messages: refusals field by field, a spent link, no network
 * (the step stays as it was, so the answer can be sent again).
 */
export class DelegationInvitationController implements ReactiveController {
  step: InvitationStep = { name: 'loading' };
  /** Field → message, shown next to each control and in the summary. */
  errors: Record<string, string> = {};
  /** A message that belongs to no field (no network, a refused answer). */
  error = '';
  busy = false;
  /** Ignores the answer of a load that a newer token replaced. */
  #loads = 0;

  constructor(
    private readonly host: InvitationHost,
    private readonly unreachable: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get #api(): DelegationInvitationService {
    return this.host.api ?? new DelegationInvitationApi(this.host.server, () => this.host.locale);
  }

  #go(step: InvitationStep): void {
    this.step = step;
    this.errors = {};
    this.error = '';
    this.host.requestUpdate();
  }

  /** A refusal that ends the page (spent link), or a message on the current step. */
  #fail(error: unknown): void {
    if (error instanceof ApiRequestError && error.body['reason'] === 'invalid_link') {
      this.#go({ name: 'invalid', reason: 'invalid_link', message: error.message });
    } else if (error instanceof ApiRequestError) {
      const fields = error.body['fields'];
      if (error.kind !== 'offline' && fields && typeof fields === 'object' && Object.keys(fields).length > 0) this.errors = { ...(fields as Record<string, string>) };
      else this.error = error.kind === 'offline' ? this.unreachable() : error.message;
    } else {
      this.error = String(error);
    }
  }

  /** What the link names. */
  async load(): Promise<void> {
    const load = ++this.#loads;
    const token = this.host.token.trim();
    if (!token) {
      this.#go({ name: 'invalid', reason: 'missing', message: '' });
      return;
    }
    this.#go({ name: 'loading' });
    try {
      const view = await this.#api.view(token);
      if (load === this.#loads) this.#go({ name: 'request', view });
    } catch (error) {
      if (load !== this.#loads) return;
      if (error instanceof ApiRequestError && error.kind === 'offline') this.#go({ name: 'unreachable' });
      else this.#go({ name: 'invalid', reason: error instanceof ApiRequestError && error.body['reason'] === 'invalid_link' ? 'invalid_link' : 'refused', message: error instanceof Error ? error.message : String(error) });
    }
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.errors = {};
    this.error = '';
    this.host.requestUpdate();
    try {
      await work();
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** « J'accepte / Je refuse la délégation », « Je ne travaille pas avec ce praticien », « J'ai déjà un compte ». */
  answer(answer: Exclude<InvitationAnswer, 'create_account'>): Promise<void> {
    const step = this.step;
    if ((step.name !== 'request' && step.name !== 'account-form') || this.busy) return Promise.resolve();
    return this.#run(async () => {
      const { status } = await this.#api.answer(this.host.token.trim(), answer);
      this.#go({ name: 'done', delegationId: step.view.delegation.id, answer, status });
    });
  }

  /** « Je crée un compte ». */
  openAccountForm(): void {
    if (this.step.name === 'request') this.#go({ name: 'account-form', view: this.step.view });
  }

  /** « Retour » from the form to the request. */
  back(): void {
    if (this.step.name === 'account-form') this.#go({ name: 'request', view: this.step.view });
  }

  /** « Créer un compte »: the shared schema first, then the server (which checks it again). */
  createAccount(form: Record<string, unknown>): Promise<void> {
    const step = this.step;
    if (step.name !== 'account-form' || this.busy) return Promise.resolve();
    const parsed = v.safeParse(DelegateAccountSchema, { ...form, token: this.host.token.trim() }, { lang: this.host.locale });
    if (!parsed.success) {
      this.errors = firstIssueByField(parsed.issues);
      this.error = '';
      this.host.requestUpdate();
      return Promise.resolve();
    }
    return this.#run(async () => {
      const { status } = await this.#api.createAccount(parsed.output);
      this.#go({ name: 'done', delegationId: step.view.delegation.id, answer: 'create_account', status });
    });
  }
}
