/**
 * The closed lists of a Contact COVID file, with the labels the seeds show (French) and their
 * English translations. Codes are stored; labels are only displayed.
 */
type Labels = { readonly fr: string; readonly en: string };

export const FICHE_KINDS = ['patient_zero', 'contact'] as const;
export type FicheKind = (typeof FICHE_KINDS)[number];
export const FICHE_KIND_LABELS: Record<FicheKind, Labels> = {
  patient_zero: { fr: 'Patient zéro', en: 'Patient zero' },
  contact: { fr: 'Patient contact', en: 'Contact' },
};

export const SYMPTOMS = ['oui', 'non', 'ne_sait_pas'] as const;
export type Symptoms = (typeof SYMPTOMS)[number];
export const SYMPTOMS_LABELS: Record<Symptoms, Labels> = {
  oui: { fr: 'Oui', en: 'Yes' },
  non: { fr: 'Non', en: 'No' },
  ne_sait_pas: { fr: 'Ne sait pas', en: 'Does not know' },
};

export const DIAGNOSES = [
  'en_attente',
  'rt_pcr_positif',
  'rt_pcr_negatif',
  'probable',
  'antigenique_positif',
] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];
export const DIAGNOSIS_LABELS: Record<Diagnosis, Labels> = {
  en_attente: { fr: 'En attente du résultat de test', en: 'Awaiting test result' },
  rt_pcr_positif: { fr: 'Résultat RT PCR confirmé positif', en: 'RT-PCR result confirmed positive' },
  rt_pcr_negatif: { fr: 'Résultat RT PCR négatif', en: 'RT-PCR result negative' },
  probable: { fr: 'Probable (symptômes + scanner)', en: 'Probable (symptoms + CT scan)' },
  antigenique_positif: { fr: 'Résultat antigénique positif', en: 'Antigen test positive' },
};

/** Diagnoses that make a person a patient zéro (and promote a contact). */
export const POSITIVE_DIAGNOSES: readonly Diagnosis[] = ['rt_pcr_positif', 'antigenique_positif', 'probable'];

export const SOCIAL_SUPPORT_NEEDS = [
  'demarches_administratives',
  'aide_a_domicile',
  'garde_enfants_personnes_dependantes',
  'communication_electronique',
  'soutien_psychologique',
  'difficultes_revenus',
  'hebergement',
] as const;
export type SocialSupportNeed = (typeof SOCIAL_SUPPORT_NEEDS)[number];
export const SOCIAL_SUPPORT_NEED_LABELS: Record<SocialSupportNeed, Labels> = {
  demarches_administratives: { fr: 'Aide aux démarches administratives', en: 'Help with administrative procedures' },
  aide_a_domicile: {
    fr: 'Aide à domicile (aide-ménagère, portage de courses - dont médicaments - repas...)',
    en: 'Home help (housekeeping, delivery of shopping - medicines included - meals...)',
  },
  garde_enfants_personnes_dependantes: {
    fr: 'Gardes d’enfants - de personnes dépendantes (âgées ou en situation de handicap)',
    en: 'Care for children or dependent people (elderly or disabled)',
  },
  communication_electronique: {
    fr: 'Accès à des services de communication électronique',
    en: 'Access to electronic communication services',
  },
  soutien_psychologique: {
    fr: 'Information sur les dispositifs de soutien psychologiques existants',
    en: 'Information on existing psychological support',
  },
  difficultes_revenus: {
    fr: 'Difficultés liées aux revenus (perte d’emploi, de revenu, remboursements de prêts ou dettes...)',
    en: 'Income difficulties (loss of job or income, loan repayments or debts...)',
  },
  hebergement: { fr: 'Hébergement', en: 'Housing' },
};

/** The fields that identify a person: locked when prefilled from the directory, never rewritten by a pharmacist. */
export const IDENTITY_FIELDS = ['nir', 'lastName', 'birthName', 'firstName', 'birthDate'] as const;

/**
 * The form of a name used to search and to detect duplicates: lower case, no accents, letters
 * only ("Lefèvre-d’Arc" → "lefevredarc").
 */
export function nameSearchKey(name: string | undefined): string {
  return (name ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}
