import { IDENTITY_FIELDS, changedFicheFields, type Fiche, type Localized, type Role } from '../../domain/index.ts';

/**
 * Who may change which fields of a file (SPEC §1, §3). The status rules are the domain's
 * `checkFicheChange`; this file says which fields a role may write.
 */
type Doc = Readonly<Record<string, unknown>>;

/**
 * What a pharmacist may record on a file of another structure: the mask delivered to a contact,
 * and a positive antigen test (with its date and symptoms), which may promote the contact.
 */
const PHARMACIST_ON_OTHERS: readonly string[] = ['maskDelivered', 'diagnosis', 'samplingDate', 'symptoms', 'status', 'kind'];
/** What a biologist records: that the sample was taken, and when. */
const BIOLOGIST_FIELDS: readonly string[] = ['samplingDate'];

const isGiven = (value: unknown) => value !== undefined && value !== null && value !== '';

export interface FieldRefusal {
  readonly fields: readonly string[];
  readonly reason: Localized;
}

/**
 * Checks the fields an update changes against the author's role. Returns null when allowed,
 * else the refused fields and the reason (in both languages).
 */
export function refuseFieldChanges(role: Role, ownStructure: boolean, previous: Fiche, next: Doc): FieldRefusal | null {
  const changed = changedFicheFields(previous, next);
  if (changed.length === 0) return null;

  if (previous.identityFromDirectory === true) {
    const locked = changed.filter((f) => (IDENTITY_FIELDS as readonly string[]).includes(f) || f === 'identityFromDirectory');
    if (locked.length > 0) {
      return {
        fields: locked,
        reason: { fr: 'L’identité de ce patient vient du répertoire de l’Assurance Maladie : elle ne peut pas être modifiée.', en: 'This patient’s identity comes from the health insurance’s directory: it cannot be changed.' },
      };
    }
  }
  if (changed.includes('maskDelivered') && previous.kind !== 'contact') {
    return { fields: ['maskDelivered'], reason: { fr: 'La délivrance de masques ne s’enregistre que pour une personne contact.', en: 'Mask delivery is recorded for contacts only.' } };
  }

  switch (role) {
    case 'medecin':
    case 'directeur_cds':
    case 'agent_plateforme':
      return null;
    case 'pharmacien': {
      const rewritten = changed.filter((f) => (IDENTITY_FIELDS as readonly string[]).includes(f) && isGiven(previous[f as keyof Fiche]));
      if (rewritten.length > 0 && !(ownStructure && previous.status === 'brouillon')) {
        return { fields: rewritten, reason: { fr: 'Un pharmacien ne peut pas modifier l’identité d’un patient.', en: 'A pharmacist cannot change a patient’s identity.' } };
      }
      if (ownStructure) return null;
      const onOthers: Localized = {
        fr: 'Sur la fiche d’une autre structure, un pharmacien enregistre la délivrance de masques ou un test antigénique positif.',
        en: 'On another structure’s file, a pharmacist records masks delivered or a positive antigen test.',
      };
      const refused = changed.filter((f) => !PHARMACIST_ON_OTHERS.includes(f));
      if (refused.length > 0) return { fields: refused, reason: onOthers };
      if (changed.includes('diagnosis') && next['diagnosis'] !== 'antigenique_positif') return { fields: ['diagnosis'], reason: onOthers };
      if (previous.status === 'brouillon') {
        return { fields: ['status'], reason: { fr: 'Le brouillon d’une autre structure ne peut être validé que par elle.', en: 'Another structure’s draft can only be validated by that structure.' } };
      }
      return null;
    }
    case 'biologiste': {
      const refused = changed.filter((f) => !BIOLOGIST_FIELDS.includes(f));
      return refused.length === 0
        ? null
        : { fields: refused, reason: { fr: 'Un biologiste enregistre seulement la réalisation du prélèvement et sa date.', en: 'A biologist only records that the sample was taken, and its date.' } };
    }
    default:
      return { fields: changed, reason: { fr: 'Votre profil ne permet pas de modifier les fiches Contact COVID.', en: 'Your profile does not allow changing Contact COVID files.' } };
  }
}
