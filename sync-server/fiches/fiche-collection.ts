import type { Statement } from 'better-sqlite3';
import {
  changedFicheFields,
  checkFicheChange,
  ficheClientFields,
  matchesInsuredIdentity,
  sameFicheClientState,
  transitionMessage,
  toFicheSummary,
  validateFiche,
  type Fiche,
  type FicheSummary,
  type InsuredPerson,
  type Localized,
  type Role,
  type TransitionCheck,
} from '../../domain/index.ts';
import { auditParties, type Session } from '../auth/sessions.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError } from '../http-errors.ts';
import { pairIssues, type LocalizedFieldIssue } from '../i18n.ts';
import type { ChangeHub, PublishedChange } from '../replication/change-hub.ts';
import { nextSequence, type SequenceCheckpoint } from '../replication/checkpoint.ts';
import { ficheCreationRefusal } from '../../domain/fiche/fiche-creation.ts';
import { refuseFieldChanges } from './fiche-policy.ts';
import { canSeeFiche, ficheScopeOf, ficheStreamKeys, type FicheScope } from './fiche-scope.ts';
import { FicheStore, type StoredFiche } from './fiche-store.ts';
import { InsuredDirectory } from './insured-directory.ts';

/** A file as it travels in the replication protocol. */
export type ReplicatedFiche = Record<string, unknown> & { id: string; _deleted: boolean };

export interface PushRow {
  readonly assumedMasterState?: Record<string, unknown> | null;
  readonly newDocumentState: Record<string, unknown>;
}

export interface RefusedRow {
  readonly id: string;
  readonly reason: Localized;
  readonly issues?: readonly LocalizedFieldIssue[];
  readonly fields?: readonly string[];
}

/** Validates a file; a refused one's issues in both languages (validated again in English, same order). */
function validateFicheLocalized(document: unknown): { success: true; fiche: Fiche } | { success: false; issues: LocalizedFieldIssue[] } {
  const fr = validateFiche(document, 'fr');
  if (fr.success) return fr;
  const en = validateFiche(document, 'en');
  return { success: false, issues: pairIssues(fr.issues, en.success ? [] : en.issues) };
}

/** A refused move's message in a locale (the check is run again there: its labels are localised). */
function refusedTransition(check: TransitionCheck, locale: 'fr' | 'en'): string {
  return check.allowed ? '' : transitionMessage(check, locale);
}

const DOCUMENTS_START = Buffer.from('{"documents":[');
const COMMA = Buffer.from(',');
const NOT_DELETED_END = Buffer.from(',"_deleted":false}');

const REPLICATION_METADATA = new Set(['_deleted', '_meta', '_rev', '_attachments']);

/**
 * What an accepted write's audit row records in `changes`: for a creation, the names of the
 * client-owned fields it was created with (their values are the file's first version, which
 * the file and the later rows give back: see ARCHITECTURE.md « Audit »); for an update, each
 * client-owned field that moved, `[old, new]`. Never a second copy of the file.
 */
function auditChanges(stored: StoredFiche['fiche'] | null, saved: StoredFiche['fiche']): string {
  if (stored === null) return JSON.stringify(ficheClientFields(saved));
  return JSON.stringify(Object.fromEntries(changedFicheFields(stored, saved).map((f) => [f, [stored[f as keyof Fiche] ?? null, saved[f as keyof Fiche] ?? null]])));
}

const toReplicated = (fiche: StoredFiche['fiche']): ReplicatedFiche => ({ ...fiche, _deleted: false });

/** What a user receives for a file that left their scope: a deletion that carries no content. */
const toRevocation = (fiche: StoredFiche['fiche']): ReplicatedFiche => ({
  id: fiche.id,
  kind: fiche.kind,
  status: fiche.status,
  updatedAt: fiche.updatedAt,
  _deleted: true,
});

/**
 * The `fiches` collection of the replication protocol: pull by checkpoint, push with
 * conflict detection, and the NIR search that brings a file into a user's scope. Every rule is
 * checked here, on the server, whatever the client did.
 */
export class FicheCollection {
  readonly store: FicheStore;
  readonly insured: InsuredDirectory;
  readonly #audit: Statement;

  constructor(
    readonly db: SqliteDatabase,
    readonly hub: ChangeHub<ReplicatedFiche>,
    readonly now: () => Date,
  ) {
    this.store = new FicheStore(db);
    this.insured = new InsuredDirectory(db);
    this.#audit = db.prepare("INSERT INTO audit (at, actor_id, on_behalf_of_id, structure_id, action, collection, document_id, changes) VALUES (?, ?, ?, ?, ?, 'fiches', ?, ?)");
  }

  scopeOf(session: Session): FicheScope {
    return ficheScopeOf(session);
  }

  pull(session: Session, checkpoint: SequenceCheckpoint | null, limit: number) {
    const after = checkpoint?.sequence ?? 0;
    const rows = this.store.pullPage(this.scopeOf(session), after, limit);
    return {
      documents: rows.map((row) => (row.revoked ? toRevocation(row.fiche) : toReplicated(row.fiche))),
      checkpoint: rows.length > 0 ? { sequence: rows.at(-1)!.sequence } : checkpoint ?? { sequence: 0 },
    };
  }

  /**
   * The answer of `pull` as UTF-8 bytes, built from the files' stored JSON without decoding,
   * parsing or serializing them again: byte for byte `JSON.stringify(this.pull(…))`. A stored
   * file is the `JSON.stringify` of an object without `_deleted` (validation keeps the file's
   * own fields only), so its replicated form is those bytes with `,"_deleted":false` before the
   * closing brace. A revocation carries no content: it is parsed to keep the four fields it sends.
   */
  pullBody(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): Buffer {
    const rows = this.store.pullRows(this.scopeOf(session), checkpoint?.sequence ?? 0, limit);
    const next = rows.length > 0 ? { sequence: rows.at(-1)!.seq } : checkpoint ?? { sequence: 0 };
    const parts: Buffer[] = [DOCUMENTS_START];
    rows.forEach((row, i) => {
      if (i > 0) parts.push(COMMA);
      if (row.revoked === 1) parts.push(Buffer.from(JSON.stringify(toRevocation(JSON.parse(row.data.toString('utf8'))))));
      else parts.push(row.data.subarray(0, -1), NOT_DELETED_END);
    });
    parts.push(Buffer.from(`],"checkpoint":${JSON.stringify(next)}}`));
    return Buffer.concat(parts);
  }

  /** What a user's live stream listens to (see `ficheStreamKeys`). */
  streamKeys(scope: FicheScope): string[] {
    return ficheStreamKeys(scope);
  }

  /**
   * Writes a batch in one transaction and returns the server's documents for the rows that
   * conflict. Throws 422 (invalid rows) or 403 (forbidden rows) with every refused row, and then
   * nothing of the batch is written.
   */
  push(session: Session, rows: readonly PushRow[]): ReplicatedFiche[] {
    const role = session.user.role as Role;
    const scope = this.scopeOf(session);
    const at = this.now().toISOString();
    const invalid: RefusedRow[] = [];
    const forbidden: RefusedRow[] = [];
    const conflicts: ReplicatedFiche[] = [];
    const published: PublishedChange<ReplicatedFiche>[] = [];
    const audits: { id: string; action: string; changes: string }[] = [];
    const batch = new Map<string, StoredFiche['fiche']>();

    // Validation is pure and the slowest step: it runs before the transaction, so a batch holds
    // SQLite's write lock only for the reads and writes.
    type Checked = { row: PushRow; id: string } & ({ refusal: RefusedRow; status: 403 | 422 } | { next: Fiche });
    const checked = rows.map((row): Checked => {
      const incoming = row.newDocumentState;
      const id = String(incoming['id'] ?? '');
      if (incoming['_deleted'] === true) {
        return { row, id, refusal: { id, reason: { fr: 'Une fiche Contact COVID ne peut jamais être supprimée.', en: 'A Contact COVID file can never be deleted.' } }, status: 403 };
      }
      const document: Record<string, unknown> = {};
      for (const key in incoming) if (!REPLICATION_METADATA.has(key)) document[key] = incoming[key];
      const validation = validateFicheLocalized(document);
      if (!validation.success) return { row, id, refusal: { id, reason: { fr: 'La fiche contient des erreurs.', en: 'The file contains errors.' }, issues: validation.issues }, status: 422 };
      return { row, id, next: validation.fiche };
    });

    const write = this.db.transaction(() => {
      for (const entry of checked) {
        const { row, id } = entry;
        if ('refusal' in entry) {
          (entry.status === 403 ? forbidden : invalid).push(entry.refusal);
          continue;
        }
        const next = entry.next;
        const stored = batch.get(next.id) ?? this.store.get(next.id)?.fiche ?? null;

        if (stored !== null && !canSeeFiche(this.db, scope, stored)) {
          forbidden.push({ id, reason: { fr: 'Vous n’avez pas accès à cette fiche.', en: 'You do not have access to this file.' } });
          continue;
        }
        const assumed = row.assumedMasterState ?? null;
        if (stored !== null && (assumed === null || !sameFicheClientState(assumed, stored))) {
          conflicts.push(toReplicated(stored));
          continue;
        }

        const change = checkFicheChange(stored, next, role);
        const refusal = this.checkRules(session, role, stored, next, batch, change.check);
        if (refusal) {
          (refusal.status === 403 ? forbidden : invalid).push({ id, ...refusal.row });
          continue;
        }
        const { result } = change;
        if (result.kind !== next.kind || result.status !== next.status) {
          // The status rules changed the file (validation, promotion): it must still be valid as such.
          const settled = validateFicheLocalized({ ...next, kind: result.kind, status: result.status });
          if (!settled.success) {
            invalid.push({ id, reason: { fr: 'La fiche ne peut pas prendre ce statut sans ces informations.', en: 'The file cannot take this status without this information.' }, issues: settled.issues });
            continue;
          }
        }
        const sequence = nextSequence(this.db);
        const saved = {
          ...next,
          kind: result.kind,
          status: result.status,
          declarantId: stored?.declarantId ?? session.user.id,
          structureId: stored?.structureId ?? session.user.structures[0]!.id,
          createdAt: stored?.createdAt ?? at,
          statusSince: stored !== null && stored.status === result.status ? stored.statusSince : at,
          updatedAt: at,
        } as StoredFiche['fiche'];
        const grantees = this.store.put(saved, sequence, stored === null);
        batch.set(saved.id, saved);
        published.push({ sequence, document: toReplicated(saved), ...(grantees.length > 0 ? { grantedTo: grantees } : {}) });
        audits.push({ id: saved.id, action: stored === null ? 'create' : 'update', changes: auditChanges(stored, saved) });
      }
      if (invalid.length > 0 || forbidden.length > 0) throw new BatchRefused();
      const { actorId, onBehalfOfId } = auditParties(session);
      for (const entry of audits) this.#audit.run(at, actorId, onBehalfOfId, session.user.structures[0]?.id ?? null, entry.action, entry.id, entry.changes);
    });

    try {
      write();
    } catch (error) {
      if (!(error instanceof BatchRefused)) throw error;
      if (forbidden.length > 0) {
        throw new ApiError(
          403,
          { fr: 'Vous n’avez pas le droit d’écrire certaines fiches ; rien n’a été enregistré.', en: 'You are not allowed to write some files; nothing was saved.' },
          { rows: [...forbidden, ...invalid] },
        );
      }
      throw new ApiError(422, { fr: 'Certaines fiches sont invalides ; rien n’a été enregistré.', en: 'Some files are invalid; nothing was saved.' }, { rows: invalid });
    }
    this.hub.publish(published);
    return conflicts;
  }

  private checkRules(
    session: Session,
    role: Role,
    stored: StoredFiche['fiche'] | null,
    next: Fiche,
    batch: ReadonlyMap<string, StoredFiche['fiche']>,
    check: TransitionCheck,
  ): { status: 403 | 422; row: Omit<RefusedRow, 'id'> } | null {
    if (stored === null) {
      const refusal = ficheCreationRefusal({ role, structures: session.user.structures });
      if (refusal) return { status: 403, row: { reason: refusal } };
    }
    if (next.kind === 'contact' && (stored === null || (stored.indexCaseId ?? '') !== (next.indexCaseId ?? ''))) {
      const indexCase = batch.get(next.indexCaseId ?? '') ?? this.store.get(next.indexCaseId ?? '')?.fiche ?? null;
      if (indexCase === null || indexCase.kind !== 'patient_zero' || !canSeeFiche(this.db, this.scopeOf(session), indexCase)) {
        return { status: 422, row: { reason: { fr: 'Le patient zéro de cette personne contact est introuvable.', en: 'This contact’s patient zero cannot be found.' }, fields: ['indexCaseId'] } };
      }
    }
    // A prefill from the insurer's directory locks the identity for good: the server checks it
    // against the directory itself rather than take the client's word for it.
    if (next.identityFromDirectory === true && stored?.identityFromDirectory !== true) {
      const person = next.nir ? this.insured.find(next.nir) : null;
      if (person === null || !matchesInsuredIdentity(person, next)) {
        return {
          status: 422,
          row: {
            reason: { fr: 'Cette identité n’est pas celle du répertoire des assurés de l’Assurance Maladie.', en: 'This identity is not the one in the health insurance’s directory of insured people.' },
            fields: ['identityFromDirectory'],
          },
        };
      }
    }
    if (stored !== null) {
      const ownStructure = session.user.structures.some((s) => s.id === stored.structureId);
      const refusal = refuseFieldChanges(role, ownStructure, stored, next);
      if (refusal) return { status: 403, row: { reason: refusal.reason, fields: refusal.fields } };
    }
    if (!check.allowed) {
      const reason = { fr: transitionMessage(check, 'fr'), en: refusedTransition(checkFicheChange(stored, next, role, 'en').check, 'en') };
      return { status: check.code === 'transition.role' ? 403 : 422, row: { reason, fields: [check.field ?? 'status'] } };
    }
    return null;
  }

  /**
   * The insurer's record of an insured person, for a file's identity (null when unknown). Only
   * for those who record files; each lookup is audited, as a search is.
   */
  lookupInsured(session: Session, nir: string): InsuredPerson | null {
    if (this.scopeOf(session).nothing) {
      throw new ApiError(403, { fr: 'Votre profil ne permet pas de consulter le répertoire des assurés.', en: 'Your profile does not allow consulting the directory of insured people.' }, { reason: 'forbidden' });
    }
    const person = this.insured.find(nir);
    const { actorId, onBehalfOfId } = auditParties(session);
    this.db
      .prepare("INSERT INTO audit (at, actor_id, on_behalf_of_id, structure_id, action, collection, changes) VALUES (?, ?, ?, ?, 'insured-lookup', 'fiches', ?)")
      .run(this.now().toISOString(), actorId, onBehalfOfId, session.user.structures[0]?.id ?? null, JSON.stringify({ found: person !== null }));
    return person;
  }

  /**
   * Files with a given full NIR, any structure, as summaries (who, where, which status — no
   * medical data): enough to recognise the person and open the file. Each search is audited.
   */
  searchByNir(session: Session, nir: string): FicheSummary[] {
    const scope = this.scopeOf(session);
    if (scope.nothing) return [];
    const found = this.store.findByNir(nir).map((s) => toFicheSummary(s.fiche));
    this.db
      .prepare("INSERT INTO audit (at, actor_id, on_behalf_of_id, structure_id, action, collection, changes) VALUES (?, ?, ?, ?, 'search', 'fiches', ?)")
      .run(this.now().toISOString(), auditParties(session).actorId, auditParties(session).onBehalfOfId, session.user.structures[0]?.id ?? null, JSON.stringify({ found: found.map((f) => f.id) }));
    return found;
  }

  /**
   * Opens a file found by search: grants the user access and moves the file to a new sequence
   * number so that their replication brings it, even if their checkpoint is past it.
   */
  open(session: Session, id: string, nir: string): StoredFiche['fiche'] {
    const scope = this.scopeOf(session);
    const stored = this.store.get(id);
    if (stored !== null && canSeeFiche(this.db, scope, stored.fiche)) return stored.fiche;
    // Outside one's scope a file opens only with the person's full NIR, as found by search;
    // an unknown id and a wrong NIR get the same answer.
    if (stored === null || scope.nothing || !stored.fiche.nir || stored.fiche.nir !== nir) {
      throw new ApiError(404, { fr: 'Aucune fiche ne correspond à ce NIR.', en: 'No file matches this NIR.' }, { reason: 'not_found' });
    }
    let sequence = 0;
    let grantees: string[] = [];
    this.db.transaction(() => {
      sequence = nextSequence(this.db);
      this.store.grant(session.user.id, id, this.now().toISOString(), 'search');
      grantees = this.store.touch(id, sequence);
      this.db
        .prepare("INSERT INTO audit (at, actor_id, on_behalf_of_id, structure_id, action, collection, document_id) VALUES (?, ?, ?, ?, 'open', 'fiches', ?)")
        .run(this.now().toISOString(), auditParties(session).actorId, auditParties(session).onBehalfOfId, session.user.structures[0]?.id ?? null, id);
    })();
    this.hub.publish([{ sequence, document: toReplicated(stored.fiche), grantedTo: grantees }]);
    return stored.fiche;
  }

  /**
   * Takes a granted file out of a user's scope (a delegation deleted, a share withdrawn): their
   * next pull or their stream carries a deletion without content, and their device removes it.
   * Returns false when the user had no grant on it.
   */
  revokeAccess(userId: string, ficheId: string, actorId: string): boolean {
    const stored = this.store.get(ficheId);
    if (stored === null) return false;
    let sequence = 0;
    let revoked = false;
    this.db.transaction(() => {
      sequence = nextSequence(this.db);
      revoked = this.store.revoke(userId, ficheId, sequence);
      if (revoked) {
        this.db
          .prepare("INSERT INTO audit (at, actor_id, action, collection, document_id, changes) VALUES (?, ?, 'revoke', 'fiches', ?, ?)")
          .run(this.now().toISOString(), actorId, ficheId, JSON.stringify({ userId }));
      }
    })();
    if (revoked) this.hub.publish([{ sequence, document: toRevocation(stored.fiche), revokedFrom: [userId] }]);
    return revoked;
  }
}

class BatchRefused extends Error {}

