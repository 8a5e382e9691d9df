/**
 * The accounts' vocabulary without valibot (civilities, kinds of account, the events listed),
 * so that an element can show it without loading the schemas (`account-schemas.ts` re-exports it).
 */
export const CIVILITIES = ['M.', 'Mme', 'Dr', 'Pr'] as const;
export type Civility = (typeof CIVILITIES)[number];

/**
 * Kinds of account (SPEC §6): a liberal professional's personal account, a salaried
 * professional's (health centre, by CPS), a pharmacy's or lab's administrative account (the
 * structure's, generic e-mail) or structure-manager account (personal), a health-centre
 * director's (by FINESS), the insurer's staff — and `ancien`, a pharmacy's or lab's account from
 * before the accounts' change (pharmacists' guide, « Migration vers les nouveaux comptes »): it
 * becomes an administrative or a structure-manager account at its next sign-in
 * (`account-migration.ts`).
 */
export const ACCOUNT_KINDS = ['liberal', 'salarie', 'administratif', 'responsable', 'directeur', 'organisme', 'ancien'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const ACCOUNT_KIND_LABELS: Record<AccountKind, { fr: string; en: string }> = {
  liberal: { fr: 'Compte personnel (professionnel libéral)', en: 'Personal account (self-employed professional)' },
  salarie: { fr: 'Compte personnel (professionnel salarié)', en: 'Personal account (salaried professional)' },
  administratif: { fr: 'Compte administratif de la structure', en: 'Administrative account of the structure' },
  responsable: { fr: 'Compte responsable de structure', en: 'Structure manager account' },
  directeur: { fr: 'Compte du directeur du centre de santé', en: 'Health-centre director account' },
  organisme: { fr: 'Compte Assurance Maladie', en: 'Health-insurance staff account' },
  ancien: { fr: 'Compte de la structure (avant l’évolution des comptes)', en: 'Structure account (before the accounts’ change)' },
};

/** What "Mes derniers évènements" lists, with the seed's labels. */
export const ACCOUNT_EVENT_ACTIONS = ['sign_in_cps', 'sign_in_password', 'password_reset', 'email_change', 'password_change', 'account_created', 'account_migrated'] as const;
export type AccountEventAction = (typeof ACCOUNT_EVENT_ACTIONS)[number];

export const ACCOUNT_EVENT_LABELS: Record<AccountEventAction, { fr: string; en: string }> = {
  sign_in_cps: { fr: 'Connexion par carte CPS', en: 'Signed in with the CPS card' },
  sign_in_password: { fr: 'Connexion par identifiant et mot de passe', en: 'Signed in with identifier and password' },
  password_reset: { fr: 'Réinitialisation de mot de passe', en: 'Password reset' },
  email_change: { fr: 'Modification d’adresse e-mail', en: 'E-mail address changed' },
  password_change: { fr: 'Modification du mot de passe', en: 'Password changed' },
  account_created: { fr: 'Création du compte', en: 'Account created' },
  account_migrated: { fr: 'Évolution du compte', en: 'Account changed to the new kinds' },
};
