import { RADIO_APPROVAL, type DirectoryTerm } from './account-answers.ts';

/**
 * « Informations professionnelles » as the insurer's directories (référentiels) know them: a
 * professional's contract status with the health insurance (« Situation conventionnelle ») and
 * approvals (« Agrément radio »…), a place of practice's authorisations. Stored as codes by the
 * sync server, which answers each with its labels (`DirectoryTerm`): the widgets carry none of them.
 */

type Labels = { readonly fr: string; readonly en: string };

/** « Situation conventionnelle »: doctors by sector (secteur 1, honoraires libres…), pharmacists and biologists as contracted or not. */
export const CONTRACT_STATUS_LABELS: Readonly<Record<string, Labels>> = {
  secteur_1: { fr: 'Conventionné secteur 1', en: 'Contracted, sector 1 (agreed fees)' },
  secteur_1_dp: { fr: 'Conventionné secteur 1 avec droit permanent à dépassement', en: 'Contracted, sector 1 with a permanent right to extra fees' },
  secteur_2: { fr: 'Conventionné honoraires libres (secteur 2)', en: 'Contracted, free fees (sector 2)' },
  secteur_2_optam: { fr: 'Conventionné honoraires libres (secteur 2), adhérent OPTAM', en: 'Contracted, free fees (sector 2), signed up to OPTAM' },
  conventionne: { fr: 'Conventionné', en: 'Contracted' },
  non_conventionne: { fr: 'Non conventionné', en: 'Not contracted' },
};

/** Approvals (agréments) of a professional and authorisations of a place (officine, laboratoire, centre de santé). */
export const APPROVAL_LABELS: Readonly<Record<string, Labels>> = {
  [RADIO_APPROVAL]: { fr: 'Agrément radio', en: 'Radiology approval' },
  mammographie: { fr: 'Agrément dépistage organisé du cancer du sein (mammographie)', en: 'Approval for organised breast-cancer screening (mammography)' },
  vaccination: { fr: 'Autorisation de vacciner à l’officine', en: 'Authorised to vaccinate at the pharmacy' },
  tests_antigeniques: { fr: 'Autorisation de réaliser des tests antigéniques COVID-19', en: 'Authorised to carry out COVID-19 antigen tests' },
  rt_pcr: { fr: 'Autorisation d’examens RT-PCR SARS-CoV-2', en: 'Authorised for SARS-CoV-2 RT-PCR tests' },
  accreditation_cofrac: { fr: 'Accréditation COFRAC (biologie médicale)', en: 'COFRAC accreditation (medical biology)' },
  accord_national_cds: { fr: 'Adhérent à l’accord national des centres de santé', en: 'Signed up to the national agreement of health centres' },
};

/** A code with its labels; a code without labels reads as itself. */
export function directoryTerm(labels: Readonly<Record<string, Labels>>, code: string): DirectoryTerm {
  return { code, label: labels[code] ?? { fr: code, en: code } };
}

/** A stored approvals list (JSON text) as terms. */
export function approvalTerms(stored: string): DirectoryTerm[] {
  return parseApprovals(stored).map((code) => directoryTerm(APPROVAL_LABELS, code));
}

/** The codes a stored approvals list (JSON text) holds; nothing for what is not a list of strings. */
export function parseApprovals(stored: string): string[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((code): code is string => typeof code === 'string' && code !== '') : [];
  } catch {
    return [];
  }
}
