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
import { ApiError } from '../http-errors.ts';
import { pairIssues, type LocalizedFieldIssue } from '../i18n.ts';
import type { ChangeHub } from '../replication/change-hub.ts';
import type { SequenceCheckpoint } from '../replication/checkpoint.ts';
import type { AuditEntry } from '../storage/storage.ts';
import { ficheCreationRefusal } from '../../domain/fiche/fiche-creation.ts';
import { refuseFieldChanges } from './fiche-policy.ts';
import { canSeeFiche, ficheScopeOf, ficheStreamKeys, type FicheScope } from './fiche-scope.ts';
import type { FicheSnapshot, FicheStorage, StoredFicheDocument } from './fiche-storage.ts';

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
function auditChanges(stored: StoredFicheDocument | null, saved: StoredFicheDocument): string {
  if (stored === null) return JSON.stringify(ficheClientFields(saved));
  return JSON.stringify(Object.fromEntries(changedFicheFields(stored, saved).map((f) => [f, [stored[f as keyof Fiche] ?? null, saved[f as keyof Fiche] ?? null]])));
}

const toReplicated = (fiche: StoredFicheDocument): ReplicatedFiche => ({ ...fiche, _deleted: false });

/** What a user receives for a file that left their scope: a deletion that carries no content. */
const toRevocation = (fiche: StoredFicheDocument): ReplicatedFiche => ({
  id: fiche.id,
  kind: fiche.kind,
  status: fiche.status,
  updatedAt: fiche.updatedAt,
  _deleted: true,
});

/**
 * The `fiches` collection of the replication protocol: pull by checkpoint, push with
 * conflict detection, and the NIR search that brings a file into a user's scope. Every rule is
 * checked here, on the server, whatever the client did; the database is reached through
 * `FicheStorage` only.
 */
export class FicheCollection {
  constructor(
    readonly store: FicheStorage,
    readonly hub: ChangeHub<ReplicatedFiche>,
    readonly now: () => Date,
  ) {
    // Other instances on the same database: their writes reach the streams open here, as ours do.
    store.otherInstances?.follow(
      (keys) => hub.listensTo(keys),
      (changes) => hub.publish(changes.map(({ sequence, document, keys, revoked }) => ({ sequence, document: revoked ? toRevocation(document) : toReplicated(document), keys }))),
    );
  }

  scopeOf(session: Session): FicheScope {
    return ficheScopeOf(session);
  }

  async pull(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): Promise<{ documents: ReplicatedFiche[]; checkpoint: SequenceCheckpoint }> {
    const rows = await this.store.pullPage(this.scopeOf(session), checkpoint?.sequence ?? 0, limit);
    return {
      documents: rows.map((row) => {
        const fiche = JSON.parse(row.data.toString('utf8')) as StoredFicheDocument;
        return row.revoked === 1 ? toRevocation(fiche) : toReplicated(fiche);
      }),
      checkpoint: rows.length > 0 ? { sequence: rows.at(-1)!.seq } : checkpoint ?? { sequence: 0 },
    };
  }

  /** How many documents the pulls after `checkpoint` will bring this session (a first sync's progress). */
  async remaining(session: Session, checkpoint: SequenceCheckpoint | null): Promise<number> {
    return this.store.countAfter(this.scopeOf(session), checkpoint?.sequence ?? 0);
  }

  /**
   * The answer of `pull` as UTF-8 bytes, built from the files' stored JSON without decoding,
   * parsing or serializing them again: byte for byte `JSON.stringify(this.pull(…))`. A stored
   * file is the `JSON.stringify` of an object without `_deleted` (validation keeps the file's
   * own fields only), so its replicated form is those bytes with `,"_deleted":false` before the
   * closing brace. A revocation carries no content: it is parsed to keep the four fields it sends.
   */
  async pullBody(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): Promise<Buffer> {
    const rows = await this.store.pullPage(this.scopeOf(session), checkpoint?.sequence ?? 0, limit);
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
  async push(session: Session, rows: readonly PushRow[]): Promise<ReplicatedFiche[]> {
    const role = session.user.role as Role;
    const scope = this.scopeOf(session);
    const at = this.now().toISOString();

    // Validation is pure and the slowest step: it runs before the transaction, so a batch holds
    // the database's write lock only for the reads and writes.
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
    // The directory of insured people is reference data: read before the transaction.
    const insured = new Map<string, InsuredPerson | null>();
    for (const entry of checked) {
      const nir = 'next' in entry && entry.next.identityFromDirectory === true ? entry.next.nir : undefined;
      if (nir && !insured.has(nir)) insured.set(nir, await this.store.findInsured(nir));
    }
    const ids = checked.flatMap((entry) => ('next' in entry ? [entry.id, ...(entry.next.indexCaseId ? [entry.next.indexCaseId] : [])] : []));

    let invalid: RefusedRow[] = [];
    let forbidden: RefusedRow[] = [];
    let conflicts: ReplicatedFiche[] = [];
    const { actorId, onBehalfOfId } = auditParties(session);
    const written = await this.store.writeBatch({
      ids,
      userId: session.user.id,
      decide: (snapshot) => {
        invalid = [];
        forbidden = [];
        conflicts = [];
        const files: { fiche: StoredFicheDocument; created: boolean }[] = [];
        const audits: AuditEntry[] = [];
        const batch = new Map<string, StoredFicheDocument>();
        for (const entry of checked) {
          const { row, id } = entry;
          if ('refusal' in entry) {
            (entry.status === 403 ? forbidden : invalid).push(entry.refusal);
            continue;
          }
          const next = entry.next;
          const stored = batch.get(next.id) ?? snapshot.stored(next.id);

          if (stored !== null && !canSeeFiche(scope, stored, snapshot.granted)) {
            forbidden.push({ id, reason: { fr: 'Vous n’avez pas accès à cette fiche.', en: 'You do not have access to this file.' } });
            continue;
          }
          const assumed = row.assumedMasterState ?? null;
          if (stored !== null && (assumed === null || !sameFicheClientState(assumed, stored))) {
            conflicts.push(toReplicated(stored));
            continue;
          }

          const change = checkFicheChange(stored, next, role);
          const refusal = this.checkRules(session, role, scope, stored, next, batch, snapshot, insured, change.check);
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
          const saved = {
            ...next,
            kind: result.kind,
            status: result.status,
            declarantId: stored?.declarantId ?? session.user.id,
            structureId: stored?.structureId ?? session.user.structures[0]!.id,
            createdAt: stored?.createdAt ?? at,
            statusSince: stored !== null && stored.status === result.status ? stored.statusSince : at,
            updatedAt: at,
          } as StoredFicheDocument;
          batch.set(saved.id, saved);
          files.push({ fiche: saved, created: stored === null });
          audits.push({
            at,
            actorId,
            onBehalfOfId,
            structureId: session.user.structures[0]?.id ?? null,
            action: stored === null ? 'create' : 'update',
            collection: 'fiches',
            documentId: saved.id,
            changes: auditChanges(stored, saved),
          });
        }
        return invalid.length > 0 || forbidden.length > 0 ? null : { files, audits };
      },
    });

    if (written === null) {
      if (forbidden.length > 0) {
        throw new ApiError(
          403,
          { fr: 'Vous n’avez pas le droit d’écrire certaines fiches ; rien n’a été enregistré.', en: 'You are not allowed to write some files; nothing was saved.' },
          { rows: [...forbidden, ...invalid] },
        );
      }
      throw new ApiError(422, { fr: 'Certaines fiches sont invalides ; rien n’a été enregistré.', en: 'Some files are invalid; nothing was saved.' }, { rows: invalid });
    }
    this.hub.publish(written.map(({ sequence, fiche, grantedTo }) => ({ sequence, document: toReplicated(fiche), ...(grantedTo.length > 0 ? { grantedTo } : {}) })));
    return conflicts;
  }

  private checkRules(
    session: Session,
    role: Role,
    scope: FicheScope,
    stored: StoredFicheDocument | null,
    next: Fiche,
    batch: ReadonlyMap<string, StoredFicheDocument>,
    snapshot: FicheSnapshot,
    insured: ReadonlyMap<string, InsuredPerson | null>,
    check: TransitionCheck,
  ): { status: 403 | 422; row: Omit<RefusedRow, 'id'> } | null {
    if (stored === null) {
      const refusal = ficheCreationRefusal({ role, structures: session.user.structures });
      if (refusal) return { status: 403, row: { reason: refusal } };
    }
    if (next.kind === 'contact' && (stored === null || (stored.indexCaseId ?? '') !== (next.indexCaseId ?? ''))) {
      const indexCase = batch.get(next.indexCaseId ?? '') ?? (next.indexCaseId ? snapshot.stored(next.indexCaseId) : null);
      if (indexCase === null || indexCase.kind !== 'patient_zero' || !canSeeFiche(scope, indexCase, snapshot.granted)) {
        return { status: 422, row: { reason: { fr: 'Le patient zéro de cette personne contact est introuvable.', en: 'This contact’s patient zero cannot be found.' }, fields: ['indexCaseId'] } };
      }
    }
    // A prefill from the insurer's directory locks the identity for good: the server checks it
    // against the directory itself rather than take the client's word for it.
    if (next.identityFromDirectory === true && stored?.identityFromDirectory !== true) {
      const person = next.nir ? (insured.get(next.nir) ?? null) : null;
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

  /** The audit row of a read or a grant by this session. */
  #audit(session: Session, action: string, fields: Pick<AuditEntry, 'documentId' | 'changes'>): AuditEntry {
    const { actorId, onBehalfOfId } = auditParties(session);
    return { at: this.now().toISOString(), actorId, onBehalfOfId, structureId: session.user.structures[0]?.id ?? null, action, collection: 'fiches', ...fields };
  }

  /**
   * The insurer's record of an insured person, for a file's identity (null when unknown). Only
   * for those who record files; each lookup is audited, as a search is.
   */
  async lookupInsured(session: Session, nir: string): Promise<InsuredPerson | null> {
    if (this.scopeOf(session).nothing) {
      throw new ApiError(403, { fr: 'Votre profil ne permet pas de consulter le répertoire des assurés.', en: 'Your profile does not allow consulting the directory of insured people.' }, { reason: 'forbidden' });
    }
    const person = await this.store.findInsured(nir);
    await this.store.audit(this.#audit(session, 'insured-lookup', { changes: JSON.stringify({ found: person !== null }) }));
    return person;
  }

  /**
   * Files with a given full NIR, any structure, as summaries (who, where, which status — no
   * medical data): enough to recognise the person and open the file. Each search is audited.
   */
  async searchByNir(session: Session, nir: string): Promise<FicheSummary[]> {
    const scope = this.scopeOf(session);
    if (scope.nothing) return [];
    const found = (await this.store.findByNir(nir)).map((s) => toFicheSummary(s.fiche));
    await this.store.audit(this.#audit(session, 'search', { changes: JSON.stringify({ found: found.map((f) => f.id) }) }));
    return found;
  }

  /**
   * Opens a file found by search: grants the user access and moves the file to a new sequence
   * number so that their replication brings it, even if their checkpoint is past it.
   */
  async open(session: Session, id: string, nir: string): Promise<StoredFicheDocument> {
    const scope = this.scopeOf(session);
    const stored = await this.store.get(id);
    if (stored !== null && (await this.#canSee(scope, stored.fiche))) return stored.fiche;
    // Outside one's scope a file opens only with the person's full NIR, as found by search;
    // an unknown id and a wrong NIR get the same answer.
    if (stored === null || scope.nothing || !stored.fiche.nir || stored.fiche.nir !== nir) {
      throw new ApiError(404, { fr: 'Aucune fiche ne correspond à ce NIR.', en: 'No file matches this NIR.' }, { reason: 'not_found' });
    }
    const { sequence, grantedTo } = await this.store.grantAccess(session.user.id, id, 'search', this.#audit(session, 'open', { documentId: id }));
    this.hub.publish([{ sequence, document: toReplicated(stored.fiche), grantedTo }]);
    return stored.fiche;
  }

  /**
   * Takes a granted file out of a user's scope (a delegation deleted, a share withdrawn): their
   * next pull or their stream carries a deletion without content, and their device removes it.
   * Returns false when the user had no grant on it.
   */
  async revokeAccess(userId: string, ficheId: string, actorId: string): Promise<boolean> {
    const stored = await this.store.get(ficheId);
    if (stored === null) return false;
    const sequence = await this.store.revokeAccess(userId, ficheId, {
      at: this.now().toISOString(),
      actorId,
      action: 'revoke',
      collection: 'fiches',
      documentId: ficheId,
      changes: JSON.stringify({ userId }),
    });
    if (sequence === null) return false;
    this.hub.publish([{ sequence, document: toRevocation(stored.fiche), revokedFrom: [userId] }]);
    return true;
  }

  /** Whether a scope sees a file, its grants read only when its structures do not decide. */
  async #canSee(scope: FicheScope, fiche: StoredFicheDocument): Promise<boolean> {
    if (canSeeFiche(scope, fiche, () => false)) return true;
    return !scope.nothing && (await this.store.hasGrant(scope.userId, fiche.id));
  }
}
