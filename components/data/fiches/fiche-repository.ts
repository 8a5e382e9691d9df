import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { sameFicheDocument } from '../../../domain/fiche/fiche-merge.ts';
import { checkFicheChange, transitionMessage } from '../../../domain/fiche/fiche-status.ts';
import { normalizeNir } from '../../../domain/identifiers/nir.ts';
import type { Fiche } from '../../../domain/fiche/fiche-schema.ts';
import type { FieldIssue } from '../../../domain/validation/fields.ts';
import type { Role } from '../../../domain/roles.ts';
import { OnDemand } from '../on-demand.ts';
import { pullProgress$, type PullProgress } from '../replication/pull-progress.ts';
import type { SyncJournal } from '../sync/sync-journal.ts';
import { withStorageDefaults, type LocalFiche } from './fiche-collection-schema.ts';
import { newestCreatedFiches } from './fiche-first-page.ts';
import { ficheSearchMatcher, type FicheSearch } from './fiche-search.ts';

export type { FicheSearch } from './fiche-search.ts';

export const FICHES = 'fiches';

/** The files' validation (valibot, `FicheSchema`), loaded with the first save: a page that only lists files never needs it. */
const ficheValidation = new OnDemand(() => import('../../../domain/fiche/fiche-schema.ts'));

export type SaveFicheResult =
  | { readonly ok: true; readonly fiche: LocalFiche }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/**
 * The Contact COVID files on this device. Saving validates with the shared schema and applies
 * the status rules the server applies too; the write is local and immediate (offline
 * included), and the replication sends it when it can.
 */
export class FicheRepository {
  constructor(
    private readonly collection: RxCollection<LocalFiche>,
    private readonly journal: SyncJournal,
  ) {}

  async get(id: string): Promise<LocalFiche | null> {
    const doc = await this.collection.findOne(id).exec();
    return doc ? (doc.toJSON() as LocalFiche) : null;
  }

  get$(id: string): Observable<LocalFiche | null> {
    return this.collection.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as LocalFiche) : null)));
  }

  /** Every local file, newest change first. */
  all$(): Observable<LocalFiche[]> {
    return this.collection.find({ sort: [{ updatedAt: 'desc' }] }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as LocalFiche)));
  }

  /**
   * What a list sorted by creation (newest first) needs for its first page before every file is
   * read — a warm start with thousands of files: the files it may show there (`newestCreatedFiches`)
   * and how many files there are. Null when the storage cannot read them by index (memory).
   */
  firstPage(limit: number): Promise<{ fiches: LocalFiche[]; count: number } | null> {
    return newestCreatedFiches(this.collection, limit);
  }

  /** Where a pull of several pages stands (a new device's first sync): files received / announced; null otherwise. In every tab. */
  syncProgress$(): Observable<PullProgress | null> {
    return pullProgress$(this.collection);
  }

  contactsOf$(indexCaseId: string): Observable<LocalFiche[]> {
    return this.collection
      .find({ selector: { indexCaseId }, sort: [{ updatedAt: 'desc' }] })
      .$.pipe(map((docs) => docs.map((d) => d.toJSON() as LocalFiche)));
  }

  /** Searches what is on this device: NIR (whole or start), nom, prénom (accents and case ignored), statut. */
  async search(criteria: FicheSearch): Promise<LocalFiche[]> {
    const nir = normalizeNir(criteria.nir ?? '');
    const docs = await this.collection.find(nir.length === 15 ? { selector: { nir } } : {}).exec();
    return docs.map((d) => d.toJSON() as LocalFiche).filter(ficheSearchMatcher(criteria));
  }

  /**
   * Validates and saves a file for a user of `role`. Returns the field issues instead of
   * saving when the file is invalid or its status move is not allowed.
   */
  async save(input: Record<string, unknown>, role: Role, locale = 'fr'): Promise<SaveFicheResult> {
    const { validateFiche } = await ficheValidation.get();
    const validation = validateFiche(stripEmpty(input), locale);
    if (!validation.success) return { ok: false, issues: validation.issues };
    const next: Fiche = validation.fiche;
    const previous = await this.get(next.id);
    const { result, check } = checkFicheChange(previous, next, role, locale);
    if (!check.allowed) return { ok: false, issues: [{ field: check.field ?? 'status', message: transitionMessage(check, locale) }] };
    if (result.kind !== next.kind || result.status !== next.status) {
      // Validation or promotion changed the file: it must be valid as what it becomes (a patient
      // zéro needs its NIR and the legal notice), exactly as the server checks it.
      const settled = validateFiche({ ...next, kind: result.kind, status: result.status }, locale);
      if (!settled.success) return { ok: false, issues: settled.issues };
    }
    const server = previous ? pickServerOwned(previous) : {};
    const fiche = withStorageDefaults({ ...next, ...server, kind: result.kind, status: result.status }) as LocalFiche;
    // Saved again without a change: nothing to write, nothing to send (the replication would not
    // push an unchanged document, and the waiting mark would stay for good).
    if (previous && sameFicheDocument(previous, fiche)) return { ok: true, fiche: previous };
    await this.journal.recordWrite(FICHES, fiche.id, () => this.collection.upsert(fiche));
    return { ok: true, fiche };
  }

  /**
   * Puts back one value this device had typed (e.g. the one a concurrent edit overrode), as a
   * new edit of the current file: validated and sent like any other.
   */
  async applyValue(id: string, field: string, value: unknown, role: Role, locale = 'fr'): Promise<SaveFicheResult> {
    const current = await this.get(id);
    if (!current) return { ok: false, issues: [{ field: 'id', message: locale.startsWith('en') ? 'This file is not on this device.' : 'Cette fiche n’est pas sur cet appareil.' }] };
    const result = await this.save({ ...current, [field]: value ?? '' }, role, locale);
    if (result.ok) await this.journal.resolveConflictField(FICHES, id, field);
    return result;
  }
}

/** '' and undefined mean "not given": drop them before validation so '' never reaches a typed field. */
function stripEmpty(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => value !== undefined && value !== null && !(value === '' && key !== 'id')));
}

function pickServerOwned(fiche: LocalFiche): Partial<LocalFiche> {
  const { declarantId, structureId, createdAt, statusSince, updatedAt } = fiche;
  return Object.fromEntries(Object.entries({ declarantId, structureId, createdAt, statusSince, updatedAt }).filter(([, v]) => v !== undefined && v !== '')) as Partial<LocalFiche>;
}
