import { randomBytes } from 'node:crypto';
import { DelegateAccountSchema, todayInParis, type DelegateAccountInput, type DelegationDocument, type DelegationStatus } from '../../domain/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hashToken, type Session } from '../auth/sessions.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import { parseOr422 } from '../http/request-body.ts';
import type { OutgoingMessage } from '../outbox/outbox.ts';
import type { DelegationContext } from './delegant-commands.ts';
import { delegationDocument, mailContext, transitionBy, UNKNOWN_DELEGATION } from './delegation-documents.ts';
import { delegationMails, type DelegationMailContext } from './delegation-mails.ts';
import type { DelegationParty, DelegationView, InvitationSnapshot } from './delegation-storage.ts';

/** What the invitation page shows (`POST /api/delegations/invitation`). */
export interface InvitationView {
  readonly delegation: DelegationDocument;
  /** An account already uses the invited e-mail: accept / refuse; otherwise create one. */
  readonly delegateHasAccount: boolean;
  readonly delegantSpecialty: string;
}

type InvitationAnswer = 'accept' | 'refuse' | 'not_concerned' | 'has_account';

const ANSWER_MAILS: Record<InvitationAnswer, (context: DelegationMailContext) => OutgoingMessage[]> = {
  accept: (context) => [delegationMails.accepted(context)],
  refuse: (context) => [delegationMails.refused(context)],
  not_concerned: (context) => [delegationMails.notConcerned(context)],
  has_account: (context) => [delegationMails.hasAccountToDelegate(context), delegationMails.hasAccountToDelegant(context)],
};

/** The delegation an invitation link leads to, if the link is still valid (unused, unexpired, its delegation pending). */
function validInvitation({ invitation, view }: InvitationSnapshot, now: Date): DelegationView {
  if (!invitation || !view || invitation.usedAt !== null || invitation.expiresAt <= now.toISOString() || view.row.deletedAt !== null || view.row.status !== 'en_cours') {
    throw new ApiError(
      400,
      {
        fr: 'Ce lien de délégation n’est plus valable : la demande a déjà reçu une réponse, a expiré ou a été supprimée.',
        en: 'This delegation link is no longer valid: the request has already been answered, has expired or was deleted.',
      },
      { reason: 'invalid_link' },
    );
  }
  return view;
}

function assertNoDelegateAccount(delegate: DelegationParty | null): void {
  if (delegate) {
    throw new ApiError(
      409,
      { fr: 'Un compte utilise déjà cette adresse e-mail : connectez-vous pour accepter la délégation.', en: 'An account already uses this e-mail address: sign in to accept the delegation.' },
      { reason: 'account_exists' },
    );
  }
}

/**
 * The délégué's commands (seed 003): the invitation link's answers (the link was sent to the
 * invited address: it proves who answers), the account created from it, the answers from their
 * own dashboard, and acting for the délégant.
 */
export class DelegateCommands {
  constructor(private readonly context: DelegationContext) {}

  /** What the invitation link shows; a used, expired or unknown link is refused. */
  async invitation(token: string): Promise<InvitationView> {
    const snapshot = await this.#invitation(token);
    const view = validInvitation(snapshot, this.context.now());
    return { delegation: delegationDocument(view), delegateHasAccount: snapshot.delegate !== null, delegantSpecialty: await this.context.store.specialtyOf(view.row.delegantId) };
  }

  /**
   * The délégué's answer from the invitation: `accept` / `refuse` (an account uses the invited
   * e-mail), `not_concerned` ("je ne travaille pas avec ce praticien"), `has_account` ("J'ai déjà
   * un compte" under another e-mail).
   */
  async answerInvitation(token: string, action: unknown): Promise<{ status: DelegationStatus }> {
    if (action !== 'accept' && action !== 'refuse' && action !== 'not_concerned' && action !== 'has_account') {
      throw new ApiError(400, { fr: 'Réponse inconnue : accept, refuse, not_concerned ou has_account.', en: 'Unknown answer: accept, refuse, not_concerned or has_account.' }, { reason: 'invalid_body' });
    }
    const snapshot = await this.#invitation(token);
    const view = validInvitation(snapshot, this.context.now());
    const delegate = snapshot.delegate;
    if ((action === 'accept' || action === 'refuse') && !delegate) {
      throw new ApiError(
        409,
        { fr: 'Aucun compte n’utilise cette adresse e-mail : créez votre compte pour accepter la délégation.', en: 'No account uses this e-mail address: create your account to accept the delegation.' },
        { reason: 'no_account' },
      );
    }
    const moved = await this.#moved(
      await this.context.store.move({
        id: view.row.id,
        action,
        actorId: delegate?.id ?? null,
        at: this.context.now().toISOString(),
        decide: transitionBy(action, 'delegue'),
        mails: (written) => ANSWER_MAILS[action](mailContext(written)),
        ...(delegate ? { delegateId: delegate.id } : {}),
        usesInvitation: hashToken(token),
      }),
    );
    return { status: moved.row.status };
  }

  /** "Je crée un compte" from the invitation: the délégué's account, and the delegation `À valider`. */
  async createDelegateAccount(input: unknown): Promise<{ status: DelegationStatus; message: Localized }> {
    const { store, now } = this.context;
    const form = parseOr422(DelegateAccountSchema, input as DelegateAccountInput);
    const snapshot = await this.#invitation(form.token);
    const view = validInvitation(snapshot, now());
    assertNoDelegateAccount(snapshot.delegate);
    const passwordHash = await hashPassword(form.password);
    const at = now().toISOString();
    const userId = `u-${randomBytes(9).toString('base64url')}`;
    await this.#moved(
      await store.createDelegateAccount(
        hashToken(form.token),
        {
          userId,
          email: view.row.delegateEmail,
          civility: form.civility,
          firstName: form.firstName,
          lastName: form.lastName.toUpperCase(),
          passwordHash,
          practitionerNumber: form.practitionerNumber,
          rpps: form.practitionerNumber.length === 11 ? form.practitionerNumber : null,
          at,
        },
        // Checked again once the password is hashed, in the transaction that uses the link.
        (current) => {
          validInvitation(current, now());
          assertNoDelegateAccount(current.delegate);
        },
        {
          id: view.row.id,
          action: 'create_account',
          actorId: userId,
          at,
          decide: transitionBy('create_account', 'delegue'),
          mails: (written) => [delegationMails.accountCreated(mailContext(written))],
          delegateId: userId,
          usesInvitation: hashToken(form.token),
        },
      ),
    );
    return {
      status: 'a_valider',
      message: {
        fr: 'Votre compte a bien été créé. La connexion au portail sera possible lorsque le professionnel de santé ayant initié la délégation aura procédé à sa validation.',
        en: 'Your account has been created. You will be able to sign in once the health professional who started the delegation has validated it.',
      },
    };
  }

  /** The same answers from the délégué's own dashboard (signed in with the invited account). */
  async answerAsDelegate(session: Session, id: string, action: unknown): Promise<DelegationDocument> {
    if (action !== 'accept' && action !== 'refuse') throw new ApiError(400, { fr: 'Réponse inconnue : accept ou refuse.', en: 'Unknown answer: accept or refuse.' }, { reason: 'invalid_body' });
    const view = await this.context.store.view(id);
    if (!view || view.row.deletedAt !== null || view.row.delegateId !== session.user.id) throw new ApiError(404, UNKNOWN_DELEGATION, { reason: 'unknown_delegation' });
    const moved = await this.#moved(
      await this.context.store.move({
        id,
        action,
        actorId: session.user.id,
        at: this.context.now().toISOString(),
        decide: transitionBy(action, 'delegue'),
        mails: (written) => ANSWER_MAILS[action](mailContext(written)),
        closesInvitations: true,
      }),
    );
    return delegationDocument(moved);
  }

  /**
   * "Agir pour le compte de…": a session of the délégué acting for the délégant, in the
   * delegation's structures and services. Refused outside the window or before validation.
   */
  async actFor(session: Session, id: string): Promise<{ token: string; expiresAt: string }> {
    const { store, now } = this.context;
    if (session.delegation) throw new ApiError(403, { fr: 'Revenez d’abord à votre propre compte.', en: 'First go back to your own account.' }, { reason: 'delegation_own_account' });
    const view = await store.view(id);
    const row = view?.row;
    if (!row || row.deletedAt !== null || row.delegateId !== session.user.id) throw new ApiError(404, UNKNOWN_DELEGATION, { reason: 'unknown_delegation' });
    if (row.status !== 'validee') throw new ApiError(403, { fr: 'Cette délégation n’est pas validée.', en: 'This delegation is not validated.' }, { reason: 'delegation_not_validated' });
    const today = todayInParis(now());
    if (today < row.validFrom || today > row.validUntil) {
      throw new ApiError(403, { fr: 'La délégation n’est pas valable aujourd’hui.', en: 'The delegation is not valid today.' }, { reason: 'delegation_window' });
    }
    return store.openDelegatedSession(session.user.id, session.strongAuth, id, now(), {
      at: now().toISOString(),
      actorId: session.user.id,
      onBehalfOfId: row.delegantId,
      action: 'delegation_act',
      changes: JSON.stringify({ delegationId: id }),
    });
  }

  async #invitation(token: string): Promise<InvitationSnapshot> {
    // A token of another shape is no link: refused as an unknown one, without a lookup.
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { invitation: null, view: null, delegate: null };
    return this.context.store.invitation(hashToken(token));
  }

  /** Publishes a move; a delegation that no longer allows access ends the sessions under it. */
  async #moved(view: DelegationView): Promise<DelegationView> {
    this.context.publishing.changed(view);
    if (view.row.status !== 'validee') this.context.publishing.ended(view.row.id);
    return view;
  }
}
