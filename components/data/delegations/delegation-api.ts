import type { DelegateAccountInput, DelegationCreateInput, DelegationDocument, DelegationStatus, DelegationUpdateInput } from '../../../domain/delegation/delegation.ts';
import { ApiClient, type LocaleSource } from '../replication/api-client.ts';
import type { DelegationRepository } from './delegation-repository.ts';

/** What the invitation page shows. */
export interface InvitationView {
  readonly delegation: DelegationDocument;
  readonly delegateHasAccount: boolean;
  readonly delegantSpecialty: string;
}

/**
 * The signed-in user's delegation commands. Each needs the network; its answer is applied to
 * the local collection at once. Errors are `ApiRequestError`s with the server's reason.
 */
export class DelegationApi {
  constructor(
    private readonly api: ApiClient,
    private readonly repository: DelegationRepository,
  ) {}

  /** "Cet utilisateur correspond-il à votre délégué ?" */
  lookup(email: string): Promise<{ exists: false } | { exists: true; firstName: string; lastName: string; email: string }> {
    return this.api.json('/api/delegations/lookup', { method: 'POST', json: { email } });
  }

  async create(input: DelegationCreateInput): Promise<DelegationDocument> {
    const created = await this.api.json<DelegationDocument>('/api/delegations', { method: 'POST', json: input });
    await this.repository.apply(created);
    return created;
  }

  /** « Mise à jour d'une délégation »: its dates and structures (the délégant, CPS card). */
  async update(id: string, input: DelegationUpdateInput): Promise<DelegationDocument> {
    const updated = await this.api.json<DelegationDocument>(`/api/delegations/${encodeURIComponent(id)}/update`, { method: 'POST', json: input });
    await this.repository.apply(updated);
    return updated;
  }

  async validate(id: string): Promise<DelegationDocument> {
    const validated = await this.api.json<DelegationDocument>(`/api/delegations/${encodeURIComponent(id)}/validate`, { method: 'POST' });
    await this.repository.apply(validated);
    return validated;
  }

  async remove(id: string): Promise<string> {
    const { message } = await this.api.json<{ message: string }>(`/api/delegations/${encodeURIComponent(id)}/delete`, { method: 'POST' });
    await this.repository.forget(id);
    return message;
  }

  /** The délégué's answer from their dashboard. */
  async answer(id: string, action: 'accept' | 'refuse'): Promise<DelegationDocument> {
    const answered = await this.api.json<DelegationDocument>(`/api/delegations/${encodeURIComponent(id)}/answer`, { method: 'POST', json: { action } });
    await this.repository.apply(answered);
    return answered;
  }

  /** A session acting for the délégant (the provider switches to it). */
  actFor(id: string): Promise<{ token: string; expiresAt: string }> {
    return this.api.json(`/api/delegations/${encodeURIComponent(id)}/act`, { method: 'POST' });
  }
}

/** The invitation link's calls: no session (the link's token is the proof). */
export class DelegationInvitationApi {
  readonly #api: ApiClient;

  /** `locale`: the calling element's (`() => this.locale`), for the server's messages; the page's `<html lang>` without it. */
  constructor(server: string, locale?: LocaleSource) {
    this.#api = new ApiClient({ server, token: () => null, ...(locale ? { locale } : {}) });
  }

  view(token: string): Promise<InvitationView> {
    return this.#api.json('/api/delegations/invitation', { method: 'POST', json: { token } });
  }

  answer(token: string, action: 'accept' | 'refuse' | 'not_concerned' | 'has_account'): Promise<{ status: DelegationStatus }> {
    return this.#api.json('/api/delegations/invitation/answer', { method: 'POST', json: { token, action } });
  }

  createAccount(input: DelegateAccountInput): Promise<{ status: DelegationStatus; message: string }> {
    return this.#api.json('/api/delegations/invitation/account', { method: 'POST', json: input });
  }
}

export type DelegationService = Pick<DelegationApi, 'lookup' | 'create' | 'update' | 'validate' | 'remove' | 'answer' | 'actFor'>;
export type DelegationInvitationService = Pick<DelegationInvitationApi, 'view' | 'answer' | 'createAccount'>;
