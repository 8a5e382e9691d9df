import type { Localized } from '../i18n/index.ts';
import type { Role } from '../roles.ts';

/** Roles that create Contact COVID files (SPEC §1): not the biologist, not the médecin conseil. */
export const FICHE_CREATOR_ROLES: readonly Role[] = ['medecin', 'pharmacien', 'directeur_cds', 'agent_plateforme'];

/**
 * Why this user may not create a file, or null when they may. The server refuses such a push
 * with this reason; the widgets do not offer « Nouveau patient » to such a user.
 */
export function ficheCreationRefusal(user: { readonly role: string; readonly structures: readonly unknown[] }): Localized | null {
  if (!(FICHE_CREATOR_ROLES as readonly string[]).includes(user.role)) {
    return { fr: 'Votre profil ne permet pas de créer une fiche Contact COVID.', en: 'Your profile does not allow creating a Contact COVID file.' };
  }
  if (user.structures.length === 0) {
    return { fr: 'Vous n’exercez dans aucune structure : une fiche doit être rattachée à la vôtre.', en: 'You practise in no structure: a file must be attached to yours.' };
  }
  return null;
}
