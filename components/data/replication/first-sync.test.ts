import { firstValueFrom } from 'rxjs';
import { patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import { assert } from '../../testing/assert.ts';
import { useSyncServer, waitFor, type TestSyncServer } from '../../testing/sync-server.ts';
import { createTeleservicesDatabase, type TeleservicesDatabase } from '../database.ts';
import type { FicheReplication } from '../fiches/fiche-feature.ts';
import { FicheRepository } from '../fiches/fiche-repository.ts';
import { replicateFiches } from '../fiches/fiche-replication.ts';
import { SyncJournal } from '../sync/sync-journal.ts';
import { ApiClient } from './api-client.ts';
import { pullProgress$, type PullProgress } from './pull-progress.ts';

/** What a device asked the server: each pull (its checkpoint, the documents answered) and each push (the rows sent). */
class Traffic {
  readonly pulls: { checkpoint: string | null; documents: number }[] = [];
  readonly pushes: { id: string; assumed: Record<string, unknown> | undefined }[][] = [];

  /** `pullsAnswered`: the pulls after that many never get an answer (the page is left in the middle of a sync). */
  constructor(private readonly pullsAnswered = Infinity) {}

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/fiches/pull') && this.pulls.length >= this.pullsAnswered) return new Promise<Response>(() => undefined);
    if (url.pathname.endsWith('/fiches/push')) {
      const rows = JSON.parse(String(init?.body)) as { newDocumentState: { id: string }; assumedMasterState?: Record<string, unknown> }[];
      this.pushes.push(rows.map((row) => ({ id: row.newDocumentState.id, assumed: row.assumedMasterState })));
    }
    const response = await fetch(input, init);
    if (url.pathname.endsWith('/fiches/pull') && response.ok) {
      const { documents } = (await response.clone().json()) as { documents: unknown[] };
      this.pulls.push({ checkpoint: url.searchParams.get('checkpoint'), documents: documents.length });
    }
    return response;
  };
}

/** One device of Dr Martin: its own IndexedDB database and, when online, the files' replication (pages of 100, as the runtime). */
class Device {
  readonly fiches: FicheRepository;
  readonly journal: SyncJournal;
  replication: FicheReplication | null = null;
  traffic = new Traffic();

  private constructor(readonly db: TeleservicesDatabase, readonly name: string, readonly server: TestSyncServer, readonly token: string) {
    this.journal = new SyncJournal(db.syncjournal);
    this.fiches = new FicheRepository(db.fiches, this.journal);
  }

  static async open(name: string, server: TestSyncServer, token: string): Promise<Device> {
    return new Device(await createTeleservicesDatabase({ name }), name, server, token);
  }

  /** Starts the replication, without waiting for it. */
  connect(pullsAnswered?: number): void {
    this.traffic = new Traffic(pullsAnswered);
    this.replication = replicateFiches(this.db, new ApiClient({ server: this.server.url, token: () => this.token, fetch: this.traffic.fetch }), { retryTime: 300 });
  }

  async goOnline(): Promise<void> {
    this.connect();
    await this.replication!.state.awaitInitialReplication();
    await this.replication!.state.awaitInSync();
  }

  async goOffline(): Promise<void> {
    await this.replication?.stop();
    this.replication = null;
  }

  /** How many pulled pages RxDB's own downstream wrote (its reads per document): none when the first sync wrote them. */
  get pagesRxdbWrote(): number {
    return this.replication!.state.internalReplicationState!.stats.down.persistFromMaster;
  }

  async count(): Promise<number> {
    return this.db.fiches.count().exec();
  }

  /** A reload: the replication and the database object go away (whatever they were doing), a new one opens the same IndexedDB. */
  async reload(): Promise<Device> {
    await this.goOffline();
    await this.db.close();
    return Device.open(this.name, this.server, this.token);
  }

  async close(): Promise<void> {
    await this.goOffline();
    await this.db.remove();
  }
}

const FILES = 1250;

describe('a new device’s first sync, written page by page in one go, against the real sync server', function () {
  this.timeout(180_000);
  const server = useSyncServer({ perTest: true });
  let token: string;
  let total: number;
  const devices: Device[] = [];
  const device = async (name = `test-first-sync-${Math.random().toString(36).slice(2, 10)}`) => {
    const opened = await Device.open(name, server, token);
    devices.push(opened);
    return opened;
  };

  const send = async (rows: unknown[], as = token) => {
    const response = await fetch(`${server.url}/api/replication/fiches/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as unknown[];
  };
  const serverFiles = async () => {
    const response = await fetch(`${server.url}/api/replication/fiches/pull?limit=10000`, { headers: { authorization: `Bearer ${token}` } });
    return (await response.json()) as { documents: Record<string, unknown>[]; checkpoint: { sequence: number } };
  };
  const serverCopy = async (id: string) => (await serverFiles()).documents.find((doc) => doc['id'] === id);

  beforeEach(async () => {
    token = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
    const files = Array.from({ length: FILES }, () => patientZero());
    for (let i = 0; i < files.length; i += 1000) await send(files.slice(i, i + 1000).map((newDocumentState) => ({ newDocumentState })));
    total = (await serverFiles()).documents.length;
  });
  afterEach(async () => {
    for (const opened of devices.splice(0)) await opened.close().catch(() => undefined);
  });

  it('stores every file with progress, pushes nothing back, and then pushes exactly the file edited on the device', async () => {
    const fresh = await device();
    const progress: (PullProgress | null)[] = [];
    const watching = pullProgress$(fresh.db.fiches).subscribe((value) => progress.push(value));
    await fresh.goOnline();
    watching.unsubscribe();

    assert.equal(await fresh.count(), total);
    assert.equal(fresh.pagesRxdbWrote, 0, 'no page went through RxDB’s reads per document');
    assert.deepEqual(fresh.traffic.pushes, [], 'nothing pushed back');
    assert.deepEqual(
      fresh.traffic.pulls.map((pull) => pull.documents).filter((documents) => documents > 0),
      [100, 1000, total - 1100],
      'a first page of 100, then pages of 1 000 (and the live stream’s catch-up, empty)',
    );
    assert.ok(
      progress.some((value) => value !== null && value.done < value.total && value.total === total),
      `the progress said « n / ${total} » on the way: ${JSON.stringify(progress)}`,
    );
    await waitFor(async () => (await firstValueFrom(pullProgress$(fresh.db.fiches))) === null, { message: 'the progress gone at the end' });

    const edited = (await fresh.db.fiches.find().exec()).find((doc) => !doc.id.startsWith('demo-'))!.toMutableJSON();
    const before = await serverCopy(edited.id);
    assert.ok((await fresh.fiches.save({ ...edited, phone: '0611223344' }, 'medecin')).ok);
    await waitFor(async () => (await serverCopy(edited.id))?.['phone'] === '0611223344', { message: 'the edit on the server' });
    await fresh.replication!.state.awaitInSync();
    assert.deepEqual(
      fresh.traffic.pushes.map((rows) => rows.map((row) => row.id)),
      [[edited.id]],
      'one push, of that file alone',
    );
    assert.equal(fresh.traffic.pushes[0]![0]!.assumed?.['updatedAt'], before?.['updatedAt'], 'pushed against the server state the first sync stored');
    assert.equal((await firstValueFrom(fresh.journal.counts$())).pending, 0);
  });

  it('settles a file changed on the server and on the device as before: the server’s value, the conflict reported', async () => {
    const fresh = await device();
    await fresh.goOnline();
    const id = (await fresh.db.fiches.find().exec()).find((doc) => !doc.id.startsWith('demo-'))!.id;
    await fresh.goOffline();

    const onServer = (await serverCopy(id))!;
    const { _deleted, ...serverState } = onServer;
    assert.deepEqual(await send([{ assumedMasterState: serverState, newDocumentState: { ...serverState, phone: '0700000001' } }]), []);
    const local = (await fresh.fiches.get(id))!;
    assert.ok((await fresh.fiches.save({ ...local, phone: '0700000002' }, 'medecin')).ok);

    await fresh.goOnline();
    const entry = await waitFor(() => firstValueFrom(fresh.journal.entry$('fiches', id)).then((e) => (e?.state === 'conflict' ? e : null)), { message: 'the conflict in the journal' });
    assert.deepEqual(entry.conflicts, [{ field: 'phone', local: '"0700000002"', remote: '"0700000001"' }]);
    await waitFor(async () => (await fresh.fiches.get(id))?.phone === '0700000001', { message: 'the server’s value on the device' });
    assert.equal((await serverCopy(id))?.['phone'], '0700000001');
  });

  it('goes on with the live stream: a file written elsewhere afterwards reaches the device without a reload', async () => {
    const fresh = await device();
    await fresh.goOnline();
    const elsewhere = patientZero({ lastName: 'Ailleurs' });
    await send([{ newDocumentState: elsewhere }]);
    await waitFor(() => fresh.fiches.get(elsewhere['id'] as string), { message: 'the new file on the device' });
    assert.equal(await fresh.count(), total + 1);
    assert.deepEqual(fresh.traffic.pushes, [], 'nothing pushed back');
  });

  it('resumes after a reload from its checkpoint: nothing downloaded again, later files through RxDB’s own pull', async () => {
    const first = await device();
    await first.goOnline();
    const reloaded = await first.reload();
    devices.splice(devices.indexOf(first), 1, reloaded);
    const later = patientZero({ lastName: 'Après' });
    await send([{ newDocumentState: later }]);

    await reloaded.goOnline();
    await waitFor(() => reloaded.fiches.get(later['id'] as string), { message: 'the later file on the device' });
    assert.ok(reloaded.traffic.pulls.every((pull) => pull.checkpoint !== null), `every pull from the stored checkpoint: ${JSON.stringify(reloaded.traffic.pulls)}`);
    assert.equal(reloaded.traffic.pulls.reduce((sum, pull) => sum + pull.documents, 0), 1, 'the later file alone was downloaded');
    assert.ok(reloaded.pagesRxdbWrote > 0, 'with a checkpoint, RxDB pulls as usual');
    assert.equal(await reloaded.count(), total + 1);
    assert.deepEqual(reloaded.traffic.pushes, [], 'nothing pushed back');
  });

  it('ends complete after a reload in the middle of the first sync, the server unchanged', async () => {
    const { checkpoint } = await serverFiles();
    const interrupted = await device();
    interrupted.connect(2);
    await waitFor(async () => (await interrupted.count()) >= 100, { message: 'the first page stored' });
    const reloaded = await interrupted.reload();
    devices.splice(devices.indexOf(interrupted), 1, reloaded);
    const stored = await reloaded.count();
    assert.ok(stored < total, `interrupted before the end: ${stored} of ${total}`);

    await reloaded.goOnline();
    await waitFor(async () => (await reloaded.count()) === total, { message: 'every file on the device' });
    const ids = new Set((await reloaded.db.fiches.find().exec()).map((doc) => doc.id));
    assert.ok((await serverFiles()).documents.every((doc) => ids.has(doc['id'] as string)), 'every file of the server');
    assert.deepEqual((await serverFiles()).checkpoint, checkpoint, 'nothing written on the server');
    const journal = await firstValueFrom(reloaded.journal.counts$());
    assert.equal(journal.pending, 0);
    assert.equal(journal.conflicts, 0);
  });

  it('is not taken when the device already holds a file: RxDB pulls as usual and pushes that file', async () => {
    const withLocal = await device();
    const typed = patientZero({ lastName: 'Local' });
    assert.ok((await withLocal.fiches.save(typed, 'medecin')).ok);
    await withLocal.goOnline();
    await waitFor(async () => (await serverCopy(typed['id'] as string)) !== undefined, { message: 'the local file on the server' });
    assert.ok(withLocal.pagesRxdbWrote > 0, 'RxDB’s own pull wrote the pages');
    assert.equal(await withLocal.count(), total + 1);
    assert.deepEqual(withLocal.traffic.pushes.flat().map((row) => row.id), [typed['id']], 'that file alone pushed');
  });
});
