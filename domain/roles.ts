/**
 * Who uses the teleservices (SPEC §1). A délégué acts with the role of their délégant, within
 * the profile of the delegation; that is decided by the server, not here.
 */
export const ROLES = [
  'medecin',
  'pharmacien',
  'biologiste',
  'directeur_cds',
  'agent_plateforme',
  'medecin_conseil',
] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of structure a professional works in. */
export const STRUCTURE_KINDS = ['cabinet', 'pharmacie', 'laboratoire', 'centre_sante'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

export const ROLE_LABELS: Record<Role, { fr: string; en: string }> = {
  medecin: { fr: 'Médecin', en: 'Doctor' },
  pharmacien: { fr: 'Pharmacien', en: 'Pharmacist' },
  biologiste: { fr: 'Biologiste', en: 'Biologist' },
  directeur_cds: { fr: 'Directeur de centre de santé', en: 'Health-centre director' },
  agent_plateforme: { fr: 'Agent de plateforme Assurance Maladie', en: 'Insurer platform agent' },
  medecin_conseil: { fr: 'Médecin conseil', en: 'Insurer medical adviser' },
};
