import * as v from 'valibot';
import { instant } from '../../domain/validation/fields.ts';
import { EmsInsurerThreadSchema, EmsMessageSchema, EmsReadMarkSchemas, EmsThreadSchema, type EmsMessageDocument, type EmsSide, type EmsThreadDocument } from '../../domain/index.ts';
import { auditParties, loadUser, type Session } from '../auth/sessions.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError, type Localized, type RefusedRowDetail } from '../http-errors.ts';
import { safeParseLocalized } from '../i18n.ts';
import { queueMessage, SIGNATURE } from '../outbox/outbox.ts';
import { ChangeHub, type PublishedChange } from '../replication/change-hub.ts';
import { nextSequence, type SequenceCheckpoint } from '../replication/checkpoint.ts';

/** Who may see what: a practitioner their own threads, the médecin conseil the threads addressed to their offices. */
export interface EmsScope {
  readonly userId: string;
  readonly side: EmsSide;
  readonly offices: readonly string[];
}

type PushRow = { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> };

const THREAD_COLUMNS = `t.id, t.practitioner_id AS practitionerId, t.office, t.patient_nir AS patientNir, t.patient_last_name AS patientLastName,
  t.patient_first_name AS patientFirstName, t.subject, t.created_at AS createdAt, t.last_message_at AS lastMessageAt,
  t.practitioner_read_at AS practitionerReadAt, t.insurer_read_at AS insurerReadAt, t.seq`;
const MESSAGE_COLUMNS = `m.id, m.thread_id AS threadId, m.author, m.author_name AS authorName, m.body, m.created_at AS createdAt, m.sent_at AS sentAt, m.seq`;

/** How far back a device's clock may date a message written offline. */
const OFFLINE_WRITING_MAX_MS = 30 * 24 * 60 * 60 * 1000;

const NOT_YOURS: Localized = { fr: 'Cet échange ne vous concerne pas.', en: 'This exchange does not concern you.' };

const audience = (thread: { practitionerId: string; office: string }) => [`user:${thread.practitionerId}`, `office:${thread.office}`];
const fullName = (user: { civility: string; firstName: string; lastName: string }) => [user.civility, user.firstName, user.lastName].filter(Boolean).join(' ');

/**
 * The EMS collections on the server: threads and messages replicate only to the two parties
 * (the practitioner — or their validated délégué within scope — and the insurer office's
 * médecin conseil); messages are immutable once sent; a message from the insurer sends the
 * practitioner an e-mail that says a new EMS waits, never its content.
 */
export class EmsService {
  // A change goes to its two parties, named in `grantedTo` (`user:…`, `office:…`).
  readonly threadHub = new ChangeHub<EmsThreadDocument>((change) => change.grantedTo ?? []);
  readonly messageHub = new ChangeHub<EmsMessageDocument>((change) => change.grantedTo ?? []);

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
    private readonly appUrl: string,
  ) {}

  /** Strong authentication and a role of the exchange; the scope of what the session sees. */
  scopeOf(session: Session): EmsScope {
    if (!session.strongAuth) {
      throw new ApiError(
        403,
        { fr: 'Les échanges médicaux sécurisés nécessitent une connexion par carte CPS (authentification forte).', en: 'Secure medical exchanges require signing in with a CPS card (strong authentication).' },
        { reason: 'strong_auth_required' },
      );
    }
    if (session.user.role === 'medecin_conseil') {
      const offices = (this.db.prepare("SELECT DISTINCT s.insurer_office AS office FROM user_structures us JOIN structures s ON s.id = us.structure_id WHERE us.user_id = ? AND s.insurer_office <> ''").all(session.user.id) as { office: string }[]).map((o) => o.office);
      return { userId: session.user.id, side: 'insurer', offices };
    }
    if (session.user.role === 'medecin' || session.user.role === 'directeur_cds') return { userId: session.user.id, side: 'practitioner', offices: [] };
    throw new ApiError(
      403,
      { fr: 'Les échanges médicaux sécurisés sont réservés aux médecins et au service médical de l’Assurance Maladie.', en: 'Secure medical exchanges are for doctors and the health insurance’s medical service.' },
      { reason: 'ems_role' },
    );
  }

  /** What a session's streams listen to: its own threads, and (médecin conseil) its offices'. */
  streamKeys(scope: EmsScope): string[] {
    return [`user:${scope.userId}`, ...scope.offices.map((office) => `office:${office}`)];
  }

  #scopeSql(scope: EmsScope): { where: string; params: unknown[] } {
    if (scope.side === 'practitioner') return { where: 't.practitioner_id = ?', params: [scope.userId] };
    if (scope.offices.length === 0) return { where: '0', params: [] };
    return { where: `t.office IN (${scope.offices.map(() => '?').join(', ')})`, params: [...scope.offices] };
  }

  #thread(id: string): (EmsThreadDocument & { seq: number }) | null {
    const row = this.db.prepare(`SELECT ${THREAD_COLUMNS} FROM ems_threads t WHERE t.id = ?`).get(id) as (Omit<EmsThreadDocument, 'practitionerName'> & { seq: number }) | undefined;
    return row ? this.#withName(row) : null;
  }

  #withName<T extends { practitionerId: string }>(row: T): T & { practitionerName: string } {
    const user = loadUser(this.db, row.practitionerId);
    return { ...row, practitionerName: user ? fullName(user) : '' };
  }

  #canSee(scope: EmsScope, thread: { practitionerId: string; office: string }): boolean {
    return scope.side === 'practitioner' ? thread.practitionerId === scope.userId : scope.offices.includes(thread.office);
  }

  // ——— threads ———

  pullThreads(session: Session, checkpoint: SequenceCheckpoint | null, limit: number) {
    const scope = this.scopeOf(session);
    const after = checkpoint?.sequence ?? 0;
    const { where, params } = this.#scopeSql(scope);
    const rows = this.db.prepare(`SELECT ${THREAD_COLUMNS} FROM ems_threads t WHERE t.seq > ? AND ${where} ORDER BY t.seq LIMIT ?`).all(after, ...params, limit) as (Omit<EmsThreadDocument, 'practitionerName'> & { seq: number })[];
    return { documents: rows.map(({ seq: _seq, ...row }) => this.#withName(row)), checkpoint: { sequence: rows.at(-1)?.seq ?? after } };
  }

  /** New threads (practitioner side); on existing ones only the pusher's own read mark moves. */
  pushThreads(session: Session, rows: readonly PushRow[]): EmsThreadDocument[] {
    const scope = this.scopeOf(session);
    const at = this.now().toISOString();
    const changes: PublishedChange<EmsThreadDocument>[] = [];
    const refused: RefusedRowDetail[] = [];
    this.db.transaction(() => {
      for (const { newDocumentState: doc } of rows) {
        const id = String(doc['id']);
        const existing = this.#thread(id);
        if (!existing && scope.side === 'insurer') {
          const opened = this.#insurerOpens(session, scope, id, doc, at);
          if ('reason' in opened) {
            refused.push(opened);
            continue;
          }
        } else if (!existing) {
          const parsed = safeParseLocalized(EmsThreadSchema, { id, patientNir: doc['patientNir'], patientLastName: doc['patientLastName'], patientFirstName: doc['patientFirstName'], subject: doc['subject'] });
          if (!parsed.success) {
            refused.push({ id, reason: parsed.message, issues: parsed.issues });
            continue;
          }
          const office = (this.db.prepare("SELECT s.insurer_office AS office FROM user_structures us JOIN structures s ON s.id = us.structure_id WHERE us.user_id = ? AND s.insurer_office <> '' ORDER BY s.name LIMIT 1").get(session.user.id) as { office: string } | undefined)?.office;
          if (!office) {
            refused.push({ id, reason: { fr: 'Aucune caisse de rattachement n’est connue pour vos lieux d’exercice.', en: 'No managing office is known for your places of practice.' } });
            continue;
          }
          const t = parsed.output;
          this.db
            .prepare(
              `INSERT INTO ems_threads (id, seq, practitioner_id, office, patient_nir, patient_last_name, patient_first_name, subject, created_at, created_by, last_message_at, practitioner_read_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(t.id, nextSequence(this.db), session.user.id, office, t.patientNir, t.patientLastName.toUpperCase(), t.patientFirstName, t.subject, at, auditParties(session).actorId, at, at);
        } else {
          if (!this.#canSee(scope, existing)) {
            refused.push({ id, reason: NOT_YOURS });
            continue;
          }
          const column = scope.side === 'practitioner' ? 'practitioner_read_at' : 'insurer_read_at';
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
          this.db.prepare(`UPDATE ems_threads SET ${column} = ?, seq = ? WHERE id = ?`).run(wanted > at ? at : wanted, nextSequence(this.db), id);
        }
        const stored = this.#thread(id)!;
        const { seq, ...document } = stored;
        changes.push({ sequence: seq, document, grantedTo: audience(stored) });
      }
      if (refused.length > 0) throw new ApiError(refused.some((r) => r.issues) ? 422 : 403, refused[0]!.reason, { rows: refused });
    })();
    this.threadHub.publish(changes);
    return [];
  }

  /**
   * The médecin conseil opens an exchange with a doctor of one of their offices, named by RPPS
   * (sent in `practitionerId`): refused when no such doctor depends on those offices.
   */
  #insurerOpens(session: Session, scope: EmsScope, id: string, doc: Record<string, unknown>, at: string): { ok: true } | RefusedRowDetail {
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
    const practitioner = scope.offices.length === 0
      ? undefined
      : (this.db
          .prepare(
            `SELECT u.id, s.insurer_office AS office FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
             WHERE u.rpps = ? AND u.role IN ('medecin', 'directeur_cds') AND s.insurer_office IN (${scope.offices.map(() => '?').join(', ')}) ORDER BY s.name LIMIT 1`,
          )
          .get(t.practitionerRpps, ...scope.offices) as { id: string; office: string } | undefined);
    if (!practitioner) {
      return { id, reason: { fr: `Aucun médecin de N° RPPS ${t.practitionerRpps} ne relève de votre caisse.`, en: `No doctor with RPPS ${t.practitionerRpps} depends on your office.` } };
    }
    this.db
      .prepare(
        `INSERT INTO ems_threads (id, seq, practitioner_id, office, patient_nir, patient_last_name, patient_first_name, subject, created_at, created_by, last_message_at, insurer_read_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.id, nextSequence(this.db), practitioner.id, practitioner.office, t.patientNir, t.patientLastName.toUpperCase(), t.patientFirstName, t.subject, at, auditParties(session).actorId, at, at);
    return { ok: true };
  }

  // ——— messages ———

  pullMessages(session: Session, checkpoint: SequenceCheckpoint | null, limit: number) {
    const scope = this.scopeOf(session);
    const after = checkpoint?.sequence ?? 0;
    const { where, params } = this.#scopeSql(scope);
    const rows = this.db
      .prepare(`SELECT ${MESSAGE_COLUMNS} FROM ems_messages m JOIN ems_threads t ON t.id = m.thread_id WHERE m.seq > ? AND ${where} ORDER BY m.seq LIMIT ?`)
      .all(after, ...params, limit) as (EmsMessageDocument & { seq: number })[];
    return { documents: rows.map(({ seq: _seq, ...row }) => row), checkpoint: { sequence: rows.at(-1)?.seq ?? after } };
  }

  /**
   * New messages, in the order they were written (an offline queue arrives in one batch);
   * a message already sent is never changed. A message from the insurer mails the practitioner
   * a notice without its content.
   */
  pushMessages(session: Session, rows: readonly PushRow[]): EmsMessageDocument[] {
    const scope = this.scopeOf(session);
    const { actorId, onBehalfOfId } = auditParties(session);
    const author = session.actor ? `${fullName(session.actor)} pour ${fullName(session.user)}` : fullName(session.user);
    const ordered = [...rows].sort((a, b) => String(a.newDocumentState['createdAt'] ?? '').localeCompare(String(b.newDocumentState['createdAt'] ?? '')));
    const changes: PublishedChange<EmsMessageDocument>[] = [];
    const threadChanges: PublishedChange<EmsThreadDocument>[] = [];
    const refused: RefusedRowDetail[] = [];
    const notify = new Set<string>();
    this.db.transaction(() => {
      for (const { newDocumentState: doc } of ordered) {
        const id = String(doc['id']);
        const existing = this.db.prepare('SELECT body, thread_id AS threadId FROM ems_messages WHERE id = ?').get(id) as { body: string; threadId: string } | undefined;
        if (existing) {
          // A non-party learns nothing, whatever body it sends: its answer does not depend on it.
          const existingThread = this.#thread(existing.threadId);
          if (!existingThread || !this.#canSee(scope, existingThread)) refused.push({ id, reason: NOT_YOURS });
          else if (existing.body !== String(doc['body'] ?? '').trim() || existing.threadId !== doc['threadId']) refused.push({ id, reason: { fr: 'Un message envoyé ne se modifie plus.', en: 'A sent message can no longer be changed.' } });
          continue;
        }
        const parsed = safeParseLocalized(EmsMessageSchema, { id, threadId: doc['threadId'], body: doc['body'] });
        if (!parsed.success) {
          refused.push({ id, reason: parsed.message, issues: parsed.issues });
          continue;
        }
        const thread = this.#thread(parsed.output.threadId);
        if (!thread || !this.#canSee(scope, thread)) {
          refused.push({ id, reason: NOT_YOURS });
          continue;
        }
        const at = this.now().toISOString();
        const createdAt = this.#writtenAt(thread.id, doc['createdAt'], at);
        const seq = nextSequence(this.db);
        this.db
          .prepare('INSERT INTO ems_messages (id, seq, thread_id, author, author_id, on_behalf_of_id, author_name, body, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(id, seq, thread.id, scope.side, actorId, onBehalfOfId, author, parsed.output.body, createdAt, at);
        const readColumn = scope.side === 'practitioner' ? 'practitioner_read_at' : 'insurer_read_at';
        this.db.prepare(`UPDATE ems_threads SET last_message_at = ?, ${readColumn} = ?, seq = ? WHERE id = ?`).run(at, at, nextSequence(this.db), thread.id);
        this.db
          .prepare("INSERT INTO audit (at, actor_id, on_behalf_of_id, action, collection, document_id, changes) VALUES (?, ?, ?, 'ems_message', 'ems', ?, ?)")
          .run(at, actorId, onBehalfOfId, id, JSON.stringify({ threadId: thread.id, author: scope.side }));
        changes.push({ sequence: seq, document: { id, threadId: thread.id, author: scope.side, authorName: author, body: parsed.output.body, createdAt, sentAt: at }, grantedTo: audience(thread) });
        const { seq: threadSeq, ...threadDocument } = this.#thread(thread.id)!;
        threadChanges.push({ sequence: threadSeq, document: threadDocument, grantedTo: audience(thread) });
        if (scope.side === 'insurer') notify.add(thread.practitionerId);
      }
      if (refused.length > 0) throw new ApiError(refused.some((r) => r.issues) ? 422 : 403, refused[0]!.reason, { rows: refused });
      for (const practitionerId of notify) {
        const practitioner = loadUser(this.db, practitionerId);
        if (!practitioner) continue;
        queueMessage(
          this.db,
          {
            channel: 'email',
            recipient: practitioner.email,
            subject: 'Un nouvel échange médical sécurisé vous attend',
            body: `Bonjour,\n\nLe service médical de l’Assurance Maladie vous a adressé un nouveau message dans vos échanges médicaux sécurisés (EMS).\n\nPar confidentialité, son contenu n’est jamais envoyé par e-mail : connectez-vous avec votre carte CPS pour le lire.\n\n${this.appUrl.replace(/\/$/, '')}/#ems${SIGNATURE}`,
          },
          this.now(),
        );
      }
    })();
    this.messageHub.publish(changes);
    this.threadHub.publish(threadChanges);
    return [];
  }

  /**
   * When a message was written, as the server keeps it: the device's time (the order of an
   * offline queue) when it is an instant no later than now, no earlier than the thread's previous
   * message, and at most `OFFLINE_WRITING_MAX_MS` ago; otherwise the nearest bound.
   */
  #writtenAt(threadId: string, claimed: unknown, now: string): string {
    const previous = (this.db.prepare('SELECT MAX(created_at) AS at FROM ems_messages WHERE thread_id = ?').get(threadId) as { at: string | null }).at;
    const oldest = new Date(Date.parse(now) - OFFLINE_WRITING_MAX_MS).toISOString();
    const floor = previous === null || previous < oldest ? oldest : previous < now ? previous : now;
    if (typeof claimed !== 'string' || !v.is(instant(), claimed) || claimed > now) return now;
    return claimed < floor ? floor : claimed;
  }

}
