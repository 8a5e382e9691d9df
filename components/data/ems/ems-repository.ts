import type { RxCollection } from 'rxdb';
import { combineLatest, map, type Observable } from 'rxjs';
import { unreadCount, type EmsSide } from '../../../domain/ems/ems-model.ts';
import type { SyncJournal } from '../sync/sync-journal.ts';
import type { LocalEmsMessage, LocalEmsThread } from './ems-collection-schemas.ts';

export const EMS_THREADS = 'ems/threads';
export const EMS_MESSAGES = 'ems/messages';

/** A thread as the inbox lists it: the newest message, the unread count. */
export interface EmsThreadSummary extends LocalEmsThread {
  readonly unread: number;
  readonly lastMessage: LocalEmsMessage | null;
  /** Messages written on this device and not yet received by the server. */
  readonly waiting: number;
}

const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(2)).join('').slice(0, 10)}`;

/**
 * The EMS threads and messages on this device. Writing is local and immediate (offline too):
 * a new thread or message waits on the device and leaves, in order, when the network is back.
 * Messages are never changed once written; each side marks what it has read.
 */
export class EmsRepository {
  constructor(
    private readonly threads: RxCollection<LocalEmsThread>,
    private readonly messages: RxCollection<LocalEmsMessage>,
    private readonly journal: SyncJournal,
    /** Which side this user writes from. */
    readonly side: EmsSide,
  ) {}

  /** The inbox: threads, newest activity first, with unread counts. */
  summaries$(): Observable<EmsThreadSummary[]> {
    return combineLatest([this.threads.find().$, this.messages.find().$]).pipe(
      map(([threads, messages]) => {
        const byThread = new Map<string, LocalEmsMessage[]>();
        for (const doc of messages) {
          const m = doc.toJSON() as LocalEmsMessage;
          (byThread.get(m.threadId) ?? byThread.set(m.threadId, []).get(m.threadId)!).push(m);
        }
        return threads
          .map((doc) => {
            const thread = doc.toJSON() as LocalEmsThread;
            const list = (byThread.get(thread.id) ?? []).sort(byWriting);
            return { ...thread, unread: unreadCount(thread, list, this.side), lastMessage: list.at(-1) ?? null, waiting: list.filter((m) => !m.sentAt).length };
          })
          .sort((a, b) => activity(b).localeCompare(activity(a)));
      }),
    );
  }

  thread$(id: string): Observable<LocalEmsThread | null> {
    return this.threads.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as LocalEmsThread) : null)));
  }

  /** A thread's messages in the order they were written. */
  messages$(threadId: string): Observable<LocalEmsMessage[]> {
    return this.messages.find({ selector: { threadId } }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as LocalEmsMessage).sort(byWriting)));
  }

  /**
   * A new thread about a patient (NIR validated by the caller's schema), with its first message.
   * The médecin conseil names the doctor by RPPS (`practitionerRpps`): it travels in
   * `practitionerId`, which the server replaces with the doctor's account.
   */
  async createThread(input: { patientNir: string; patientLastName: string; patientFirstName: string; subject: string; body: string; practitionerRpps?: string }): Promise<string> {
    const id = newId('t');
    const at = new Date().toISOString();
    const insurer = this.side === 'insurer';
    await this.journal.recordWrite(EMS_THREADS, id, () => this.threads.insert({
      id,
      practitionerId: insurer ? (input.practitionerRpps ?? '') : '',
      practitionerName: '',
      office: '',
      patientNir: input.patientNir,
      patientLastName: input.patientLastName,
      patientFirstName: input.patientFirstName,
      subject: input.subject,
      createdAt: at,
      lastMessageAt: at,
      practitionerReadAt: insurer ? '' : at,
      insurerReadAt: insurer ? at : '',
    }));
    await this.send(id, input.body);
    return id;
  }

  /** Writes a message: on the device at once, to the server when it can be reached. */
  async send(threadId: string, body: string): Promise<string> {
    const id = newId('m');
    await this.journal.recordWrite(EMS_MESSAGES, id, () => this.messages.insert({ id, threadId, author: this.side, authorName: '', body: body.trim(), createdAt: new Date().toISOString(), sentAt: '' }));
    return id;
  }

  /** The thread was opened: this side's read mark moves to now. */
  async markRead(threadId: string): Promise<void> {
    const doc = await this.threads.findOne(threadId).exec();
    if (!doc) return;
    const field = this.side === 'practitioner' ? 'practitionerReadAt' : 'insurerReadAt';
    // The read mark travels like any change: the sync status counts it until the server has it.
    await this.journal.recordWrite(EMS_THREADS, threadId, () => doc.incrementalPatch({ [field]: new Date().toISOString() } as Partial<LocalEmsThread>));
  }
}

const byWriting = (a: LocalEmsMessage, b: LocalEmsMessage) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt));
const activity = (thread: EmsThreadSummary) => thread.lastMessage?.sentAt || thread.lastMessage?.createdAt || thread.lastMessageAt;
