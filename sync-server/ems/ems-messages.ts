import * as v from 'valibot';
import { EmsMessageSchema, type EmsMessageDocument, type EmsThreadDocument } from '../../domain/index.ts';
import { instant } from '../../domain/validation/fields.ts';
import { auditParties, type Session } from '../auth/sessions.ts';
import { ApiError, type RefusedRowDetail } from '../http-errors.ts';
import { safeParseLocalized } from '../i18n.ts';
import { ChangeHub } from '../replication/change-hub.ts';
import type { SequenceCheckpoint } from '../replication/checkpoint.ts';
import type { ReplicatedCollectionHandler } from '../replication/replication-routes.ts';
import { insurerMessageNotice } from './ems-mails.ts';
import { audience, canSeeThread, emsScopeOf, emsStreamKeys, fullName, NOT_YOURS } from './ems-scope.ts';
import type { EmsScope, EmsStorage, NewMessage } from './ems-storage.ts';
import { threadDocument } from './ems-threads.ts';

type PushRow = { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> };

/** How far back a device's clock may date a message written offline. */
const OFFLINE_WRITING_MAX_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * When a message was written, as the server keeps it: the device's time (the order of an
 * offline queue) when it is an instant no later than now, no earlier than the thread's previous
 * message, and at most `OFFLINE_WRITING_MAX_MS` ago; otherwise the nearest bound.
 */
function writtenAt(previous: string | null, claimed: unknown, now: string): string {
  const oldest = new Date(Date.parse(now) - OFFLINE_WRITING_MAX_MS).toISOString();
  const floor = previous === null || previous < oldest ? oldest : previous < now ? previous : now;
  if (typeof claimed !== 'string' || !v.is(instant(), claimed) || claimed > now) return now;
  return claimed < floor ? floor : claimed;
}

/**
 * `ems/messages`: immutable once sent, replicated to the thread's two parties; each moves its
 * thread (last message, the author's read mark). A message from the insurer mails the
 * practitioner a notice that a new EMS waits, never its content.
 */
export class EmsMessages implements ReplicatedCollectionHandler<EmsMessageDocument, EmsScope> {
  // A change goes to its two parties, named in `grantedTo`.
  readonly hub = new ChangeHub<EmsMessageDocument>((change) => change.grantedTo ?? []);

  constructor(
    private readonly store: EmsStorage,
    private readonly now: () => Date,
    private readonly appUrl: string,
    /** Where the threads the messages move are published. */
    private readonly threadHub: ChangeHub<EmsThreadDocument>,
  ) {
    // Other instances on the same database: their messages reach the streams open here, as ours do.
    store.otherMessages?.follow(
      (keys) => this.hub.listensTo(keys),
      (changes) => this.hub.publish(changes.map(({ sequence, document: { seq: _seq, ...document }, keys }) => ({ sequence, document, keys }))),
    );
  }

  scopeOf(session: Session): Promise<EmsScope> {
    return emsScopeOf(session, this.store);
  }

  streamKeys(scope: EmsScope): string[] {
    return emsStreamKeys(scope);
  }

  async pull(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): Promise<{ documents: EmsMessageDocument[]; checkpoint: SequenceCheckpoint }> {
    const scope = await this.scopeOf(session);
    const after = checkpoint?.sequence ?? 0;
    const rows = await this.store.pullMessages(scope, after, limit);
    return { documents: rows.map(({ seq: _seq, ...row }) => row), checkpoint: { sequence: rows.at(-1)?.seq ?? after } };
  }

  /**
   * New messages, in the order they were written (an offline queue arrives in one batch);
   * a message already sent is never changed.
   */
  async push(session: Session, rows: readonly PushRow[]): Promise<EmsMessageDocument[]> {
    const scope = await this.scopeOf(session);
    const { actorId, onBehalfOfId } = auditParties(session);
    const author = session.actor ? `${fullName(session.actor)} pour ${fullName(session.user)}` : fullName(session.user);
    const ordered = [...rows].sort((a, b) => String(a.newDocumentState['createdAt'] ?? '').localeCompare(String(b.newDocumentState['createdAt'] ?? '')));
    let refused: RefusedRowDetail[] = [];
    const written = await this.store.writeMessages(
      { messageIds: ordered.map((row) => String(row.newDocumentState['id'])), threadIds: ordered.map((row) => String(row.newDocumentState['threadId'] ?? '')) },
      (snapshot) => {
        refused = [];
        const messages: NewMessage[] = [];
        // What this batch has written so far, over what is stored.
        const sent = new Map<string, { body: string; threadId: string }>();
        const latest = new Map<string, string>();
        const notify = new Set<string>();
        for (const { newDocumentState: doc } of ordered) {
          const id = String(doc['id']);
          const existing = sent.get(id) ?? snapshot.message(id);
          if (existing) {
            // A non-party learns nothing, whatever body it sends: its answer does not depend on it.
            const existingThread = snapshot.thread(existing.threadId);
            if (!existingThread || !canSeeThread(scope, existingThread)) refused.push({ id, reason: NOT_YOURS });
            else if (existing.body !== String(doc['body'] ?? '').trim() || existing.threadId !== doc['threadId']) refused.push({ id, reason: { fr: 'Un message envoyé ne se modifie plus.', en: 'A sent message can no longer be changed.' } });
            continue;
          }
          const parsed = safeParseLocalized(EmsMessageSchema, { id, threadId: doc['threadId'], body: doc['body'] });
          if (!parsed.success) {
            refused.push({ id, reason: parsed.message, issues: parsed.issues });
            continue;
          }
          const thread = snapshot.thread(parsed.output.threadId);
          if (!thread || !canSeeThread(scope, thread)) {
            refused.push({ id, reason: NOT_YOURS });
            continue;
          }
          const at = this.now().toISOString();
          const createdAt = writtenAt(latest.get(thread.id) ?? snapshot.latestMessageAt(thread.id), doc['createdAt'], at);
          messages.push({ id, threadId: thread.id, author: scope.side, authorName: author, body: parsed.output.body, createdAt, sentAt: at, authorId: actorId, onBehalfOfId });
          sent.set(id, { body: parsed.output.body, threadId: thread.id });
          const previous = latest.get(thread.id) ?? snapshot.latestMessageAt(thread.id);
          if (previous === null || createdAt > previous) latest.set(thread.id, createdAt);
          if (scope.side === 'insurer') notify.add(thread.practitionerId);
        }
        if (refused.length > 0) return null;
        return {
          messages,
          audits: messages.map((m) => ({ at: m.sentAt, actorId, onBehalfOfId, action: 'ems_message', collection: 'ems', documentId: m.id, changes: JSON.stringify({ threadId: m.threadId, author: m.author }) })),
          mails: [...notify].flatMap((practitionerId) => {
            const email = snapshot.emailOf(practitionerId);
            return email ? [insurerMessageNotice(email, this.appUrl)] : [];
          }),
          at: this.now().toISOString(),
        };
      },
    );
    if (written === null) throw new ApiError(refused.some((r) => r.issues) ? 422 : 403, refused[0]!.reason, { rows: refused });
    this.hub.publish(written.messages.map(({ seq, ...document }, i) => ({ sequence: seq, document, grantedTo: audience(written.threads[i]!) })));
    this.threadHub.publish(written.threads.map((thread) => ({ sequence: thread.seq, document: threadDocument(thread), grantedTo: audience(thread) })));
    return [];
  }
}
