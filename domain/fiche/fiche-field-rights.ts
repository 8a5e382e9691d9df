import type { Role } from '../roles.ts';

/**
 * What a pharmacist records on a file of another structure (pharmacists' guide): the mask given
 * to a contact, and a positive antigen test « même si vous n'êtes pas le créateur de la fiche »
 * — its result, date, symptoms and the legal notice it needs (the test may promote the contact
 * to patient zéro, which is validated with the notice ticked).
 */
export const PHARMACIST_ON_OTHERS_FIELDS = ['maskDelivered', 'diagnosis', 'samplingDate', 'symptoms', 'legalNotice', 'status', 'kind'] as const;

/** What a biologist records: that the sample was taken, and when. */
export const BIOLOGIST_FIELDS = ['samplingDate'] as const;

/**
 * The fields a user may change on a file: `'all'`, or the closed list of the role. Shared by the
 * widgets (they lock the rest) and the server (it refuses the rest).
 */
export function editableFicheFields(role: Role | string, ownStructure: boolean): 'all' | readonly string[] {
  switch (role) {
    case 'medecin':
    case 'directeur_cds':
    case 'agent_plateforme':
      return 'all';
    case 'pharmacien':
      return ownStructure ? 'all' : PHARMACIST_ON_OTHERS_FIELDS;
    case 'biologiste':
      return BIOLOGIST_FIELDS;
    default:
      return [];
  }
}
