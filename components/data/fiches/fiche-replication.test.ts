import { firstValueFrom } from 'rxjs';
import { contactOf, patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import { assert } from '../../testing/assert.ts';
import { useSyncServer, waitFor, type TestSyncServer } from '../../testing/sync-server.ts';
import { createTeleservicesDatabase, type TeleservicesDatabase } from '../database.ts';
import { FicheRepository } from './fiche-repository.ts';
import { SyncJournal } from '../sync/sync-journal.ts';
import { ApiClient } from '../replication/api-client.ts';
import type { FicheReplication } from './fiche-feature.ts';
import { replicateFiches } from './fiche-replication.ts';

/** One device of one user: its own IndexedDB database, repository and (when online) replication. */
class Device {
  readonly db: TeleservicesDatabase;
  readonly fiches: FicheRepository;
  readonly journal: SyncJournal;
  replication: FicheReplication | null = null;

  private constructor(db: TeleservicesDatabase, readonly name: string, readonly server: TestSyncServer, readonly token: string) {
    this.db = db;
    this.journal = new SyncJournal(db.syncjournal);
    this.fiches = new FicheRepository(db.fiches, this.journal);
  }

  static async open(name: string, server: TestSyncServer, token: string): Promise<Device> {
    return new Device(await createTeleservicesDatabase({ name }), name, server, token);
  }

  /** The network comes (back): replication starts and catches up. */
  async goOnline(fetchImpl?: typeof fetch): Promise<void> {
    const api = new ApiClient({ server: this.server.url, token: () => this.token, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    this.replication = replicateFiches(this.db, api, { retryTime: 300 });
    await this.replication.state.awaitInitialReplication();
    await this.replication.state.awaitInSync();
  }

  async goOffline(): Promise<void> {
    await this.replication?.stop();
    this.replication = null;
  }

  async inSync(): Promise<void> {
    await this.replication!.state.awaitInSync();
  }

  /** A reload: the page's database object goes away and a new one opens the same IndexedDB. */
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

const uniqueName = (label: string) => `test-${label}-${Math.random().toString(36).slice(2, 10)}`;

async function serverCopy(server: TestSyncServer, token: string, id: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${server.url}/api/replication/fiches/pull?limit=10000`, { headers: { authorization: `Bearer ${token}` } });
  const { documents } = (await response.json()) as { documents: Record<string, unknown>[] };
  return documents.find((d) => d['id'] === id);
}

describe('fiches replication between browsers and the real sync server', function () {
  this.timeout(60_000);
  const server = useSyncServer({ clearStorage: false });
  let martinToken: string;
  const devices: Device[] = [];
  const device = async (label: string, token: string, name = uniqueName(label)) => {
    const d = await Device.open(name, server, token);
    devices.push(d);
    return d;
  };

  /**
   * Dr Martin's patient zéro and one contact, synced from his device; the pharmacy opens the
   * contact by its NIR and receives it on its own device.
   */
  const contactOpenedByPharmacy = async (labels: { doctor: string; pharmacist: string }, contactFields: Record<string, unknown> = {}) => {
    const pharmacistToken = await server.signIn('pharmacie.centrale@demo.test', 'Pharma#2026');
    const doctor = await device(labels.doctor, martinToken);
    await doctor.goOnline();
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string, contactFields);
    await doctor.fiches.save(p0, 'medecin');
    await doctor.fiches.save(contact, 'medecin');
    await doctor.inSync();
    await fetch(`${server.url}/api/fiches/${contact['id']}/open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pharmacistToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ nir: contact['nir'] }),
    });
    const pharmacist = await device(labels.pharmacist, pharmacistToken);
    await pharmacist.goOnline();
    const received = await waitFor(() => pharmacist.fiches.get(contact['id'] as string), { message: 'the opened contact on the pharmacist’s device' });
    return { doctor, pharmacist, pharmacistToken, contact, received };
  };

  before(async () => {
    martinToken = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close().catch(() => undefined);
  });

  it('keeps a file typed offline through a reload, then delivers it when the network returns', async () => {
    const offline = await device('offline', martinToken);
    const fiche = patientZero();
    const saved = await offline.fiches.save(fiche, 'medecin');
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.equal((await firstValueFrom(offline.journal.counts$())).pending, 1);

    const reloaded = await offline.reload();
    devices.splice(devices.indexOf(offline), 1, reloaded);
    const afterReload = await reloaded.fiches.get(fiche['id'] as string);
    assert.equal(afterReload?.lastName, 'Dupont', 'the file survived the reload');
    assert.equal(afterReload?.updatedAt, '', 'not yet stamped by the server');
    assert.equal(await serverCopy(server, martinToken, fiche['id'] as string), undefined, 'nothing reached the server while offline');

    await reloaded.goOnline();
    const onServer = await serverCopy(server, martinToken, fiche['id'] as string);
    assert.equal(onServer?.['declarantId'], 'u-martin');
    const stamped = await waitFor(async () => (await reloaded.fiches.get(fiche['id'] as string))?.updatedAt, { message: 'the server’s stamp on the device' });
    assert.equal(stamped, onServer?.['updatedAt']);
    assert.equal((await firstValueFrom(reloaded.journal.counts$())).pending, 0);
  });

  it('counts a file as sent when the server kept it but its answer was lost (the push again meets itself)', async () => {
    const online = await device('lost-answer', martinToken);
    let lost = 0;
    await online.goOnline(async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/fiches/push') && lost === 0) {
        lost += 1;
        throw new TypeError('Failed to fetch'); // the server wrote it; the answer never came
      }
      return response;
    });
    const fiche = patientZero();
    assert.ok((await online.fiches.save(fiche, 'medecin')).ok);
    await waitFor(async () => (await serverCopy(server, martinToken, fiche['id'] as string)) !== undefined, { message: 'the file on the server' });
    await waitFor(() => lost === 1, { message: 'the lost answer' });
    await waitFor(async () => (await firstValueFrom(online.journal.counts$())).pending === 0, { message: 'nothing left waiting' });
  });

  it('sends what was typed while the server was down once it is back, losing nothing', async () => {
    const online = await device('restart', martinToken);
    await online.goOnline();
    await server.stop();
    const typedWhileDown = Array.from({ length: 5 }, () => patientZero());
    for (const fiche of typedWhileDown) assert.ok((await online.fiches.save(fiche, 'medecin')).ok);
    await server.restart();
    await waitFor(async () => {
      for (const fiche of typedWhileDown) if (!(await serverCopy(server, martinToken, fiche['id'] as string))) return false;
      return true;
    }, { timeoutMs: 20_000, message: 'the five files on the restarted server' });
  });

  it('never gives a second doctor the first doctor’s files, by pull or by stream', async () => {
    const durandToken = await server.signIn('dr.durand@demo.test', 'Medecin#2026');
    const martin = await device('martin', martinToken);
    const durand = await device('durand', durandToken);
    await martin.goOnline();
    await durand.goOnline();
    const before = patientZero();
    await martin.fiches.save(before, 'medecin');
    await martin.inSync();
    const own = patientZero({ lastName: 'Lambert' });
    await durand.fiches.save(own, 'medecin');
    await durand.inSync();
    await waitFor(async () => (await durand.fiches.get(own['id'] as string))?.updatedAt, { message: 'Durand’s own file stamped' });
    const durandFiles = (await durand.db.fiches.find().exec()).map((d) => d.id);
    assert.deepEqual(durandFiles.filter((id) => !id.startsWith('demo-')), [own['id']], 'his own file (and the demo’s), none of Dr Martin’s');
  });

  it('merges concurrent edits of different fields: the pharmacist’s mask and the doctor’s diagnosis both survive', async () => {
    const { doctor, pharmacist, contact, received } = await contactOpenedByPharmacy({ doctor: 'doctor', pharmacist: 'pharmacist' }, { diagnosis: 'en_attente' });
    await pharmacist.goOffline();
    assert.ok((await pharmacist.fiches.save({ ...received, maskDelivered: true }, 'pharmacien')).ok);

    const doctorCopy = (await doctor.fiches.get(contact['id'] as string))!;
    assert.ok((await doctor.fiches.save({ ...doctorCopy, diagnosis: 'rt_pcr_negatif' }, 'medecin')).ok);
    await doctor.inSync();

    await pharmacist.goOnline();
    await waitFor(async () => {
      const onServer = await serverCopy(server, martinToken, contact['id'] as string);
      return onServer?.['maskDelivered'] === true && onServer?.['diagnosis'] === 'rt_pcr_negatif';
    }, { message: 'both edits on the server' });
    await waitFor(async () => {
      const local = await pharmacist.fiches.get(contact['id'] as string);
      return local?.maskDelivered === true && local.diagnosis === 'rt_pcr_negatif';
    }, { message: 'both edits on the pharmacist’s device' });
    await waitFor(async () => (await doctor.fiches.get(contact['id'] as string))?.maskDelivered === true, { message: 'the mask on the doctor’s device' });
    assert.equal((await firstValueFrom(pharmacist.journal.counts$())).conflicts, 0, 'different fields are no conflict');
  });

  it('keeps the server’s value when both changed the same field, and shows this device’s value', async () => {
    const first = await device('first', martinToken);
    await first.goOnline();
    const fiche = patientZero({ phone: '0612345678' });
    await first.fiches.save(fiche, 'medecin');
    await first.inSync();

    const second = await device('second', martinToken);
    await second.goOnline();
    const copy = await waitFor(() => second.fiches.get(fiche['id'] as string), { message: 'the file on the second device' });
    await second.goOffline();
    await second.fiches.save({ ...copy, phone: '0700000002' }, 'medecin');

    const firstCopy = (await first.fiches.get(fiche['id'] as string))!;
    await first.fiches.save({ ...firstCopy, phone: '0700000001' }, 'medecin');
    await first.inSync();

    await second.goOnline();
    const entry = await waitFor(() => firstValueFrom(second.journal.entry$('fiches', fiche['id'] as string)).then((e) => (e?.state === 'conflict' ? e : null)), {
      message: 'a conflict entry on the second device',
    });
    assert.deepEqual(entry.conflicts, [{ field: 'phone', local: '"0700000002"', remote: '"0700000001"' }]);
    assert.equal((await second.fiches.get(fiche['id'] as string))?.phone, '0700000001');
    assert.equal((await serverCopy(server, martinToken, fiche['id'] as string))?.['phone'], '0700000001');
  });

  it('keeps a refused file on the device with the server’s reason, and goes on with the others', async () => {
    const { pharmacist, pharmacistToken, contact, received } = await contactOpenedByPharmacy({ doctor: 'doctor2', pharmacist: 'pharmacist2' });
    await pharmacist.fiches.save({ ...received, lastName: 'Renommé' }, 'pharmacien');
    const own = patientZero({ lastName: 'Antigène' });
    await pharmacist.fiches.save(own, 'pharmacien');
    await pharmacist.inSync();

    const entry = await waitFor(() => firstValueFrom(pharmacist.journal.entry$('fiches', contact['id'] as string)).then((e) => (e?.state === 'refused' ? e : null)), {
      message: 'the refusal in the journal',
    });
    assert.match(entry.reason, /ne peut pas modifier l’identité/);
    assert.deepEqual(entry.fields, ['lastName']);
    assert.equal((await pharmacist.fiches.get(contact['id'] as string))?.lastName, 'Renommé', 'the refused version stays on the device');
    assert.equal((await serverCopy(server, martinToken, contact['id'] as string))?.['lastName'], 'Durand');
    assert.ok(await serverCopy(server, pharmacistToken, own['id'] as string), 'the other file reached the server');
  });
});
