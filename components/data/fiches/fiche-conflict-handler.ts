import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { mergeFiche, sameFicheDocument, type FieldConflict } from '../../../domain/fiche/fiche-merge.ts';
import { settleFicheStatus } from '../../../domain/fiche/fiche-status.ts';
import { withStorageDefaults, type LocalFiche } from './fiche-collection-schema.ts';

/**
 * How the device settles a file the server answered as a conflict: a field-by-field merge
 * (changes to different fields both survive), the server's value where both changed the same
 * field — and those fields reported through `onFieldConflicts`, never dropped silently.
 */
export function ficheConflictHandler(onFieldConflicts: (id: string, conflicts: readonly FieldConflict[]) => Promise<void>): RxConflictHandler<LocalFiche> {
  return {
    isEqual: (a, b) => sameFicheDocument(a, b),
    async resolve({ assumedMasterState, realMasterState, newDocumentState }) {
      const { merged, conflicts } = mergeFiche(assumedMasterState, newDocumentState, realMasterState);
      const settled = settleFicheStatus(realMasterState, merged);
      if (conflicts.length > 0) await onFieldConflicts(realMasterState.id, conflicts);
      return withStorageDefaults({ ...merged, kind: settled.kind, status: settled.status, _deleted: realMasterState._deleted }) as WithDeleted<LocalFiche>;
    },
  };
}
