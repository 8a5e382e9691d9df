import { IDENTITY_FIELDS, changedFicheFields, editableFicheFields, type Fiche, type Localized, type Role } from '../../domain/index.ts';

/**
 * Who may change which fields of a file (SPEC §1, §3). The status rules are the domain's
 * `checkFicheChange`; this file says which fields a role may write.
 */
type Doc = Readonly<Record<string, unknown>>;

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
      const allowed = editableFicheFields(role, false) as readonly string[];
      const refused = changed.filter((f) => !allowed.includes(f));
      if (refused.length > 0) return { fields: refused, reason: onOthers };
      if (changed.includes('diagnosis') && next['diagnosis'] !== 'antigenique_positif') return { fields: ['diagnosis'], reason: onOthers };
      // The notice is ticked, never unticked, on someone else's file.
      if (changed.includes('legalNotice') && next['legalNotice'] !== true) return { fields: ['legalNotice'], reason: onOthers };
      if (previous.status === 'brouillon') {
        return { fields: ['status'], reason: { fr: 'Le brouillon d’une autre structure ne peut être validé que par elle.', en: 'Another structure’s draft can only be validated by that structure.' } };
      }
      return null;
    }
    case 'biologiste': {
      const allowed = editableFicheFields(role, ownStructure) as readonly string[];
      const refused = changed.filter((f) => !allowed.includes(f));
      return refused.length === 0
        ? null
        : { fields: refused, reason: { fr: 'Un biologiste enregistre seulement la réalisation du prélèvement et sa date.', en: 'A biologist only records that the sample was taken, and its date.' } };
    }
    default:
      return { fields: changed, reason: { fr: 'Votre profil ne permet pas de modifier les fiches Contact COVID.', en: 'Your profile does not allow changing Contact COVID files.' } };
  }
}
