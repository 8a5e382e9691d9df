import { randomBytes } from 'node:crypto';
import {
  canCreateDelegation,
  checkDelegationStructures,
  DELEGATION_PROFILE_DEFINITIONS,
  DELEGATION_STATUS_LABELS,
  DELEGATION_UPDATABLE_STATUSES,
  DelegationCreateSchema,
  DelegationUpdateSchema,
  todayInParis,
  type DelegationCreateInput,
  type DelegationUpdateInput,
  type DelegationDocument,
  type DelegationProfile,
} from '../../domain/index.ts';
import { auditParties, hashToken, type Session } from '../auth/sessions.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import { parseOr422 } from '../http/request-body.ts';
import { appLink } from '../outbox/outbox.ts';
import type { AuditEntry } from '../storage/storage.ts';
import { delegationDocument, mailContext, transitionBy, UNKNOWN_DELEGATION } from './delegation-documents.ts';
import { delegationMails } from './delegation-mails.ts';
import type { DelegationPublishing } from './delegation-publishing.ts';
import type { DelegationStorage, DelegationView } from './delegation-storage.ts';

/** What the delegations' commands work with. */
export interface DelegationContext {
  readonly store: DelegationStorage;
  readonly now: () => Date;
  /** Where the host page lives, for the invitation link. */
  readonly appUrl: string;
  readonly publishing: DelegationPublishing;
  /** Unanswered invitations are purged after this many days (`DELEGATION_PURGE_DAYS`). */
  readonly purgeAfterDays: number;
}

/** The audit row of a délégant's command on a delegation. */
export function delegationAudit(session: Session, at: string, action: string, id: string, changes: Record<string, unknown>): AuditEntry {
  const { actorId, onBehalfOfId } = auditParties(session);
  return { at, actorId, onBehalfOfId, action, collection: 'delegations', documentId: id, changes: JSON.stringify(changes) };
}

/**
 * The délégant's commands (seed 003), the server being the authority: look the délégué's account
 * up, create and update (signed in with the CPS card), validate, delete. Every transition is checked against
 * the domain's table and recorded with its actor and time; every e-mail of the seed goes to the outbox.
 */
export class DelegantCommands {
  constructor(private readonly context: DelegationContext) {}

  /** "Cet utilisateur correspond-il à votre délégué ?": the account an e-mail names, if any (délégants with a card only). */
  async lookupDelegate(session: Session, email: string): Promise<{ exists: false } | { exists: true; firstName: string; lastName: string; email: string }> {
    await this.#assertDelegant(session);
    const account = await this.context.store.accountByEmail(email.trim());
    return account ? { exists: true, firstName: account.firstName, lastName: account.lastName, email: account.email } : { exists: false };
  }

  async create(session: Session, input: unknown): Promise<DelegationDocument> {
    const { store, now, appUrl, publishing, purgeAfterDays } = this.context;
    await this.#assertDelegant(session);
    const form = parseOr422(DelegationCreateSchema, input as DelegationCreateInput);
    this.#assertScope(session, form.profile, form);
    if (form.delegateEmail.toLowerCase() === session.user.email.toLowerCase()) {
      const message = { fr: 'Vous ne pouvez pas vous déléguer à vous-même.', en: 'You cannot delegate to yourself.' };
      throw new ApiError(422, message, { reason: 'invalid_body', fields: { delegateEmail: message } });
    }
    if (await store.hasLiveDelegation(session.user.id, form.delegateEmail)) {
      const message = {
        fr: 'Une délégation est déjà en cours ou validée pour cette adresse : supprimez-la d’abord pour en créer une autre.',
        en: 'A delegation is already pending or validated for this address: delete it first to create another one.',
      };
      throw new ApiError(409, message, { reason: 'delegation_exists', fields: { delegateEmail: message } });
    }
    await this.#assertEligible(session, form.profile, form.delegateEmail);
    const delegate = await store.accountByEmail(form.delegateEmail);
    const at = now().toISOString();
    const id = `d-${randomBytes(9).toString('base64url')}`;
    const token = randomBytes(32).toString('base64url');
    const view = await store.create({
      id,
      delegantId: session.user.id,
      delegateId: delegate?.id ?? null,
      delegateEmail: form.delegateEmail,
      profile: form.profile,
      cpeCardId: form.cpeCardId,
      validFrom: form.validFrom,
      validUntil: form.validUntil,
      structureIds: form.structureIds,
      at,
      invitation: { tokenHash: hashToken(token), expiresAt: new Date(now().getTime() + purgeAfterDays * 86_400_000).toISOString() },
      audit: delegationAudit(session, at, 'delegation_create', id, { profile: form.profile, delegateEmail: form.delegateEmail }),
      mails: (written) => [delegationMails.created(mailContext(written)), delegationMails.invitation(mailContext(written), appLink(appUrl, 'delegation', token), delegate !== null)],
    });
    publishing.changed(view);
    return delegationDocument(view);
  }

  /** "VALIDER" on an `À valider` row: the délégué may now sign in and act. */
  async validate(session: Session, id: string): Promise<DelegationDocument> {
    await this.#own(session, id);
    const at = this.context.now().toISOString();
    const view = await this.context.store.move({
      id,
      action: 'validate',
      actorId: session.user.id,
      at,
      decide: transitionBy('validate', 'delegant'),
      mails: (written) => [delegationMails.validated(mailContext(written))],
      audit: delegationAudit(session, at, 'delegation_validate', id, {}),
    });
    this.context.publishing.changed(view);
    if (view.row.status !== 'validee') this.context.publishing.ended(id);
    return delegationDocument(view);
  }

  /**
   * « Mise à jour d'une délégation »: new validity dates and structures, under the creation's rules
   * (CPS card, shared schema, the profile's structures, an end not past), for a delegation still
   * awaiting the délégué, to validate or validated; the status stays. Both are told; the délégué's
   * live streams reopen under the new dates and structures.
   */
  async update(session: Session, id: string, input: unknown): Promise<DelegationDocument> {
    await this.#assertDelegant(session, 'update');
    const current = await this.#own(session, id);
    const form = parseOr422(DelegationUpdateSchema, input as DelegationUpdateInput);
    this.#assertScope(session, current.row.profile, form);
    const at = this.context.now().toISOString();
    const structureIds = [...new Set(form.structureIds)].sort();
    const view = await this.context.store.update({
      id,
      actorId: session.user.id,
      at,
      validFrom: form.validFrom,
      validUntil: form.validUntil,
      structureIds,
      check: (before) => {
        if (before.row.deletedAt !== null) throw new ApiError(404, UNKNOWN_DELEGATION, { reason: 'unknown_delegation' });
        if (!DELEGATION_UPDATABLE_STATUSES.includes(before.row.status)) {
          const label = DELEGATION_STATUS_LABELS[before.row.status];
          throw new ApiError(
            409,
            {
              fr: `Cette délégation est « ${label.fr} » : elle ne peut plus être mise à jour. Créez une nouvelle délégation si besoin.`,
              en: `This delegation is “${label.en}”: it can no longer be updated. Create a new delegation if needed.`,
            },
            { reason: 'delegation_not_updatable', status: before.row.status },
          );
        }
        const sameStructures = before.structures.map((s) => s.id).sort().join() === structureIds.join();
        if (sameStructures && before.row.validFrom === form.validFrom && before.row.validUntil === form.validUntil) {
          throw new ApiError(
            422,
            { fr: 'Aucune modification : les dates et les structures sont déjà celles de la délégation.', en: 'Nothing changed: the dates and structures are already those of the delegation.' },
            { reason: 'nothing_changed' },
          );
        }
      },
      audit: (before) =>
        delegationAudit(session, at, 'delegation_update', id, {
          validFrom: [before.row.validFrom, form.validFrom],
          validUntil: [before.row.validUntil, form.validUntil],
          structureIds: [before.structures.map((s) => s.id).sort(), structureIds],
        }),
      mails: (written) => [delegationMails.updatedToDelegant(mailContext(written)), delegationMails.updatedToDelegate(mailContext(written))],
    });
    this.context.publishing.changed(view);
    this.context.publishing.ended(id);
    return delegationDocument(view);
  }

  /** The trash icon, confirmed: the délégué loses access at once; both are told. */
  async remove(session: Session, id: string): Promise<void> {
    await this.#own(session, id);
    const at = this.context.now().toISOString();
    const view = await this.context.store.remove(id, session.user.id, at, delegationAudit(session, at, 'delegation_delete', id, {}), (written) => [
      delegationMails.deletedToDelegant(mailContext(written)),
      delegationMails.deletedToDelegate(mailContext(written)),
    ]);
    this.context.publishing.changed(view);
    this.context.publishing.ended(id);
  }

  /** The structures the profile allows among the délégant's own, and an end date not past: 422 next to the field. */
  #assertScope(session: Session, profile: DelegationProfile, form: { readonly validUntil: string; readonly structureIds: readonly string[] }): void {
    const structures = checkDelegationStructures(profile, form.structureIds, session.user.structures.map((s) => s.id));
    if (structures !== 'ok') {
      const label = DELEGATION_PROFILE_DEFINITIONS[profile].label;
      const message: Localized =
        structures === 'unknown'
          ? { fr: 'Une structure sélectionnée n’est pas la vôtre.', en: 'A selected structure is not yours.' }
          : { fr: `Pour le profil ${label.fr}, toutes vos structures doivent être sélectionnées.`, en: `For the ${label.en} profile, all your structures must be selected.` };
      throw new ApiError(422, message, { reason: 'invalid_body', fields: { structureIds: message } });
    }
    if (form.validUntil < todayInParis(this.context.now())) {
      const message = { fr: 'La date de fin est passée.', en: 'The end date has passed.' };
      throw new ApiError(422, message, { reason: 'invalid_body', fields: { validUntil: message } });
    }
  }

  async #own(session: Session, id: string): Promise<DelegationView> {
    const view = await this.context.store.view(id);
    if (!view || view.row.deletedAt !== null || view.row.delegantId !== session.user.id) throw new ApiError(404, UNKNOWN_DELEGATION, { reason: 'unknown_delegation' });
    return view;
  }

  /**
   * The profiles' conditions (seed 003): « seuls les remplaçants exclusifs, sans activité libérale
   * par ailleurs » for Remplaçant; Assistant médical only for « les médecins signataires d'un
   * contrat assistant médical ». A 422 next to the profile.
   */
  async #assertEligible(session: Session, profile: DelegationProfile, delegateEmail: string): Promise<void> {
    const refuse = (message: Localized) => {
      throw new ApiError(422, message, { reason: 'delegation_not_eligible', fields: { profile: message } });
    };
    if (profile === 'assistant_medical' && !(await this.context.store.hasAssistantContract(session.user.id))) {
      refuse({
        fr: 'Le profil Assistant médical est réservé aux médecins signataires d’un contrat assistant médical.',
        en: 'The Medical assistant profile is only for doctors who signed a medical assistant contract.',
      });
    }
    if (profile === 'remplacant' && (await this.context.store.practisesInPractice(delegateEmail.trim()))) {
      refuse({
        fr: 'Seuls les remplaçants exclusifs, sans activité libérale par ailleurs, peuvent recevoir le profil Remplaçant : cette personne exerce dans un cabinet libéral.',
        en: 'Only exclusive substitutes, with no self-employed practice of their own, can receive the Substitute profile: this person works in a practice.',
      });
    }
  }

  async #assertDelegant(session: Session, command: 'create' | 'update' = 'create'): Promise<void> {
    if (!session.strongAuth) {
      throw new ApiError(
        403,
        command === 'create'
          ? { fr: 'La création d’une délégation nécessite une connexion par carte CPS (authentification forte).', en: 'Creating a delegation requires signing in with a CPS card (strong authentication).' }
          : { fr: 'La mise à jour d’une délégation nécessite une connexion par carte CPS (authentification forte).', en: 'Updating a delegation requires signing in with a CPS card (strong authentication).' },
        { reason: 'strong_auth_required' },
      );
    }
    const kind = await this.context.store.accountKind(session.user.id);
    if (!canCreateDelegation({ accountKind: kind, structures: session.user.structures })) {
      throw new ApiError(
        403,
        {
          fr: 'Seul un professionnel de santé ayant au moins un cabinet libéral, ou un directeur d’établissement, peut créer une délégation.',
          en: 'Only a self-employed health professional with at least one practice, or an establishment director, can create a delegation.',
        },
        { reason: 'not_a_delegant' },
      );
    }
  }
}
