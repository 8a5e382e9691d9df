import type { FicheField } from './fiche-schema.ts';
import type { FicheKind } from './vocabulary.ts';

/**
 * Fields that must be filled, by kind and by stage (draft or validated). Apart from the schema
 * (`fiche-schema.ts` re-exports it): a form marks them without loading the validation.
 */
export function requiredFicheFields(kind: FicheKind, validated: boolean): readonly FicheField[] {
  if (kind === 'contact') return ['lastName', 'firstName', 'postcode', 'indexCaseId'];
  return validated ? ['nir', 'lastName', 'firstName', 'postcode', 'legalNotice'] : ['lastName', 'firstName'];
}
