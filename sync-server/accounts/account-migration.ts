import {
  ACCOUNT_KIND_LABELS,
  AccountMigrationChoiceSchema,
  type AccountMigrationState,
  type AccountMigrationChoiceInput,
  type MigrationAccountKind,
  type MigrationSituation,
} from '../../domain/index.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import { parseOr422 } from '../http/request-body.ts';
import { SIGNATURE, type OutgoingMessage } from '../outbox/outbox.ts';
import type { AccountStorage, MigrationPlan, MigrationSnapshot } from './account-storage.ts';
import { structureNumber, type DirectoryStructure } from './directory.ts';
import { EMAIL_TAKEN, emailValidationLink } from './email-validation.ts';

const NO_MIGRATION: Localized = {
  fr: 'Votre compte n’est pas concerné par l’évolution des comptes des laboratoires et des pharmacies.',
  en: 'Your account is not concerned by the change of the laboratories’ and pharmacies’ accounts.',
};

const ADMINISTRATIVE_EXISTS: Localized = {
  fr: 'Un compte administratif existe déjà pour votre structure : choisissez le compte responsable de structure.',
  en: 'An administrative account already exists for your structure: choose the structure manager account.',
};

/**
 * « Migration vers les nouveaux comptes » (pharmacists' guide; `domain/account/account-migration.ts`):
 * at each sign-in of a former pharmacy or laboratory account, situations 1 (CPS card) and 3 (an
 * administrative account already known) migrate it to a structure-manager account at once;
 * situation 2 waits for the user's choice (`POST /api/account/migration`). Each migration is one
 * transaction: the kind, its row, the audit row, the e-mail that tells it.
 */
export class AccountMigrations {
  constructor(
    private readonly accounts: AccountStorage,
    private readonly now: () => Date,
    private readonly appUrl: string,
  ) {}

  /** After a sign-in (password or card) was checked, before its session opens. */
  async atSignIn(userId: string, signIn: 'cps' | 'password'): Promise<void> {
    await this.accounts.migrate(userId, '', this.now(), (snapshot) => {
      if (snapshot.accountKind !== 'ancien' || !snapshot.structure) return null;
      if (signIn === 'cps') return plan(snapshot.structure, 1, 'cps', 'responsable', snapshot.email, null);
      if (snapshot.administrativeAccountExists) return plan(snapshot.structure, 3, 'password', 'responsable', snapshot.email, null);
      return null;
    });
  }

  /** Situation 2: the kind the user chose, and the address the account uses from now on ('' keeps it). */
  async choose(userId: string, input: unknown): Promise<{ accountMigration: AccountMigrationState; message: Localized }> {
    const choice = parseOr422(AccountMigrationChoiceSchema, input as AccountMigrationChoiceInput);
    const at = this.now();
    let newEmail = '';
    const done = await this.accounts.migrate(userId, choice.email, at, (snapshot) => {
      assertPending(snapshot);
      if (choice.accountKind === 'administratif' && snapshot.administrativeAccountExists) {
        throw new ApiError(409, ADMINISTRATIVE_EXISTS, { reason: 'administrative_account_exists', fields: { accountKind: ADMINISTRATIVE_EXISTS } });
      }
      newEmail = choice.email && choice.email.toLowerCase() !== snapshot.email.toLowerCase() ? choice.email : '';
      if (newEmail && snapshot.emailHolders.some((id) => id !== userId)) throw new ApiError(409, EMAIL_TAKEN, { reason: 'email_taken', fields: { email: EMAIL_TAKEN } });
      const validation = newEmail ? emailValidationLink(userId, newEmail, 'change', at, this.appUrl) : null;
      return plan(snapshot.structure!, 2, 'password', choice.accountKind, snapshot.email, validation);
    });
    // The account was migrated by a sign-in between the snapshot and the update (another tab's card).
    if (!done) throw new ApiError(409, alreadyMigrated(null), { reason: 'already_migrated' });
    const kind = ACCOUNT_KIND_LABELS[choice.accountKind];
    return {
      accountMigration: { status: 'migrated', situation: 2, accountKind: choice.accountKind },
      message: newEmail
        ? {
            fr: `Votre compte est désormais un « ${kind.fr} ». Un e-mail vient d’être envoyé à ${newEmail} : cliquez sur le lien qu’il contient pour en faire l’adresse de votre compte.`,
            en: `Your account is now an “${kind.en}”. An e-mail has just been sent to ${newEmail}: click the link it contains to make it your account’s address.`,
          }
        : { fr: `Votre compte est désormais un « ${kind.fr} ».`, en: `Your account is now an “${kind.en}”.` },
    };
  }

  /** The user read what changed: the dialog does not come back. */
  async acknowledge(userId: string): Promise<void> {
    if (!(await this.accounts.acknowledgeMigration(userId, this.now()))) throw new ApiError(409, NO_MIGRATION, { reason: 'no_migration' });
  }
}

/** A choice is made once, by a former account. */
function assertPending(snapshot: MigrationSnapshot): void {
  if (snapshot.accountKind === 'ancien' && snapshot.structure) return;
  if (snapshot.migration) throw new ApiError(409, alreadyMigrated(snapshot.migration.accountKind), { reason: 'already_migrated' });
  throw new ApiError(409, NO_MIGRATION, { reason: 'no_migration' });
}

function alreadyMigrated(kind: MigrationAccountKind | null): Localized {
  if (!kind) return { fr: 'Votre compte a déjà évolué : reconnectez-vous.', en: 'Your account has already changed: sign in again.' };
  const label = ACCOUNT_KIND_LABELS[kind];
  return { fr: `Votre compte a déjà évolué : c’est désormais un « ${label.fr} ».`, en: `Your account has already changed: it is now an “${label.en}”.` };
}

function plan(
  structure: DirectoryStructure,
  situation: MigrationSituation,
  signIn: 'cps' | 'password',
  accountKind: MigrationAccountKind,
  email: string,
  validation: MigrationPlan['validation'],
): MigrationPlan {
  return {
    situation,
    signIn,
    accountKind,
    structureId: structure.id,
    administrativeName: accountKind === 'administratif' ? structure.name : null,
    notice: migrationNotice(structure, situation, accountKind, email),
    validation,
  };
}

/** The e-mail telling the account's address what changed (French: its readers are). */
function migrationNotice(structure: DirectoryStructure, situation: MigrationSituation, accountKind: MigrationAccountKind, email: string): OutgoingMessage {
  const why: Record<MigrationSituation, string> = {
    1: 'Vous vous êtes connecté avec votre carte CPS : votre compte a été automatiquement transformé.',
    2: 'Vous avez choisi le type de votre compte.',
    3: 'Un compte administratif existe déjà pour votre structure : votre compte a été automatiquement transformé.',
  };
  const number = structureNumber(structure);
  const changes =
    accountKind === 'responsable'
      ? `Votre compte est désormais un compte responsable de structure : individuel, il vous suit sur l’ensemble de vos lieux d’exercice.\n\nCe qui change :\n- vous vous connectez avec votre carte CPS, ou avec votre adresse e-mail et votre mot de passe ;\n- vous ne pouvez plus vous connecter avec le numéro ${number} ;\n- si vous le souhaitez, vous pouvez créer un compte administratif pour ${structure.name} (« Créer un compte », numéro ${number}) : son mot de passe provisoire est envoyé par courrier à l’adresse de la structure.`
      : `Votre compte est désormais le compte administratif de ${structure.name} : propre à la structure, il donne accès aux téléservices quel que soit son responsable.\n\nCe qui change :\n- vous vous connectez avec le numéro ${number} ou l’adresse e-mail du compte, et votre mot de passe ;\n- vous ne pouvez plus vous connecter avec votre carte CPS ;\n- si vous le souhaitez, vous pouvez créer votre compte responsable de structure avec votre carte CPS (« Créer un compte »).`;
  return {
    channel: 'email',
    recipient: email,
    subject: accountKind === 'responsable' ? 'Votre compte devient un compte responsable de structure' : 'Votre compte devient le compte administratif de la structure',
    body: `Bonjour,\n\nLes comptes des laboratoires et des pharmacies évoluent. ${why[situation]}\n\n${changes}\n\nCe qui ne change pas : vous accédez à l’ensemble des services et des informations ouverts pour ${structure.name} ; votre mot de passe, vos fiches et votre historique sont conservés.${SIGNATURE}`,
  };
}
