import { EmsInsurerThreadSchema, EmsReadMarkSchemas, EmsThreadSchema, type EmsThreadDocument } from '../../domain/index.ts';
import { auditParties, type Session } from '../auth/sessions.ts';
import { ApiError, type RefusedRowDetail } from '../http-errors.ts';
import { safeParseLocalized } from '../i18n.ts';
import { ChangeHub } from '../replication/change-hub.ts';
import type { SequenceCheckpoint } from '../replication/checkpoint.ts';
import type { ReplicatedCollectionHandler } from '../replication/replication-routes.ts';
import { audience, canSeeThread, emsScopeOf, emsStreamKeys, NOT_YOURS } from './ems-scope.ts';
import type { EmsScope, EmsStorage, NewThread, StoredThread, ThreadsSnapshot, ThreadWrite } from './ems-storage.ts';

type PushRow = { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> };

/** A thread as it replicates: the stored one without its change number. */
export const threadDocument = ({ seq: _seq, ...document }: StoredThread): EmsThreadDocument => document;

/**
 * `ems/threads`: the exchanges, replicated only to their two parties (the practitioner — or their
 * validated délégué — and the insurer office's médecin conseil). Either side opens one (the
 * médecin conseil names the doctor by RPPS); afterwards only the pusher's own read mark moves.
 */
export class EmsThreads implements ReplicatedCollectionHandler<EmsThreadDocument, EmsScope> {
  // A change goes to its two parties, named in `grantedTo`.
  readonly hub = new ChangeHub<EmsThreadDocument>((change) => change.grantedTo ?? []);

  constructor(
    private readonly store: EmsStorage,
    private readonly now: () => Date,
  ) {
    // Other instances on the same database: their writes reach the streams open here, as ours do.
    store.otherThreads?.follow(
      (keys) => this.hub.listensTo(keys),
      (changes) => this.hub.publish(changes.map(({ sequence, document, keys }) => ({ sequence, document: threadDocument(document), keys }))),
    );
  }

  scopeOf(session: Session): Promise<EmsScope> {
    return emsScopeOf(session, this.store);
  }

  streamKeys(scope: EmsScope): string[] {
    return emsStreamKeys(scope);
  }

  async pull(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): Promise<{ documents: EmsThreadDocument[]; checkpoint: SequenceCheckpoint }> {
    const scope = await this.scopeOf(session);
    const after = checkpoint?.sequence ?? 0;
    const rows = await this.store.pullThreads(scope, after, limit);
    return { documents: rows.map(threadDocument), checkpoint: { sequence: rows.at(-1)?.seq ?? after } };
  }

  /** New threads; on existing ones only the pusher's own read mark moves. */
  async push(session: Session, rows: readonly PushRow[]): Promise<EmsThreadDocument[]> {
    const scope = await this.scopeOf(session);
    const at = this.now().toISOString();
    const { actorId } = auditParties(session);
    let refused: RefusedRowDetail[] = [];
    const written = await this.store.writeThreads(
      {
        threadIds: rows.map((row) => String(row.newDocumentState['id'])),
        userId: session.user.id,
        practitionerRpps: scope.side === 'insurer' ? rows.map((row) => String(row.newDocumentState['practitionerId'] ?? '')) : [],
        offices: scope.offices,
      },
      (snapshot) => {
        refused = [];
        const writes: ThreadWrite[] = [];
        // What this batch has written so far, over what is stored.
        const batch = new Map<string, Omit<StoredThread, 'seq' | 'practitionerName'>>();
        const thread = (id: string) => batch.get(id) ?? snapshot.thread(id);
        for (const { newDocumentState: doc } of rows) {
          const id = String(doc['id']);
          const existing = thread(id);
          if (!existing) {
            const opened = scope.side === 'insurer' ? this.#insurerOpens(snapshot, scope, id, doc, at, actorId) : this.#practitionerOpens(snapshot, session, id, doc, at, actorId);
            if ('reason' in opened) {
              refused.push(opened);
              continue;
            }
            writes.push({ kind: 'open', thread: opened });
            batch.set(id, opened);
            continue;
          }
          if (!canSeeThread(scope, existing)) {
            refused.push({ id, reason: NOT_YOURS });
            continue;
          }
          const field = scope.side === 'practitioner' ? 'practitionerReadAt' : 'insurerReadAt';
          if (doc[field] === undefined || doc[field] === '') continue;
          const mark = safeParseLocalized(EmsReadMarkSchemas[scope.side], { [field]: doc[field] });
          if (!mark.success) {
            refused.push({ id, reason: mark.message, issues: mark.issues });
            continue;
          }
          const wanted = doc[field] as string;
          if (wanted <= existing[field]) continue;
          // A read mark never runs ahead of the server's clock.
          const readAt = wanted > at ? at : wanted;
          writes.push({ kind: 'read', threadId: id, side: scope.side, at: readAt });
          batch.set(id, { ...existing, [field]: readAt });
        }
        return refused.length > 0 ? null : writes;
      },
    );
    if (written === null) throw new ApiError(refused.some((r) => r.issues) ? 422 : 403, refused[0]!.reason, { rows: refused });
    this.hub.publish(written.map((stored) => ({ sequence: stored.seq, document: threadDocument(stored), grantedTo: audience(stored) })));
    return [];
  }

  /** A practitioner opens an exchange with the insurer office of their practice. */
  #practitionerOpens(snapshot: ThreadsSnapshot, session: Session, id: string, doc: Record<string, unknown>, at: string, actorId: string): NewThread | RefusedRowDetail {
    const parsed = safeParseLocalized(EmsThreadSchema, { id, patientNir: doc['patientNir'], patientLastName: doc['patientLastName'], patientFirstName: doc['patientFirstName'], subject: doc['subject'] });
    if (!parsed.success) return { id, reason: parsed.message, issues: parsed.issues };
    const office = snapshot.officeOf(session.user.id);
    if (!office) return { id, reason: { fr: 'Aucune caisse de rattachement n’est connue pour vos lieux d’exercice.', en: 'No managing office is known for your places of practice.' } };
    const t = parsed.output;
    return { id: t.id, practitionerId: session.user.id, office, patientNir: t.patientNir, patientLastName: t.patientLastName.toUpperCase(), patientFirstName: t.patientFirstName, subject: t.subject, createdAt: at, createdBy: actorId, lastMessageAt: at, practitionerReadAt: at, insurerReadAt: '' };
  }

  /**
   * The médecin conseil opens an exchange with a doctor of one of their offices, named by RPPS
   * (sent in `practitionerId`): refused when no such doctor depends on those offices.
   */
  #insurerOpens(snapshot: ThreadsSnapshot, scope: EmsScope, id: string, doc: Record<string, unknown>, at: string, actorId: string): NewThread | RefusedRowDetail {
    const parsed = safeParseLocalized(EmsInsurerThreadSchema, {
      id,
      patientNir: doc['patientNir'],
      patientLastName: doc['patientLastName'],
      patientFirstName: doc['patientFirstName'],
      subject: doc['subject'],
      practitionerRpps: doc['practitionerId'],
    });
    if (!parsed.success) return { id, reason: parsed.message, issues: parsed.issues };
    const t = parsed.output;
    const practitioner = snapshot.practitionerByRpps(t.practitionerRpps, scope.offices);
    if (!practitioner) {
      return { id, reason: { fr: `Aucun médecin de N° RPPS ${t.practitionerRpps} ne relève de votre caisse.`, en: `No doctor with RPPS ${t.practitionerRpps} depends on your office.` } };
    }
    return { id: t.id, practitionerId: practitioner.id, office: practitioner.office, patientNir: t.patientNir, patientLastName: t.patientLastName.toUpperCase(), patientFirstName: t.patientFirstName, subject: t.subject, createdAt: at, createdBy: actorId, lastMessageAt: at, practitionerReadAt: '', insurerReadAt: at };
  }
}
