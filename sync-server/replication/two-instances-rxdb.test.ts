import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTeleservicesDatabase, type TeleservicesDatabase } from '../../components/data/database.ts';
import { withStorageDefaults, type LocalFiche } from '../../components/data/fiches/fiche-collection-schema.ts';
import { replicateFiches } from '../../components/data/fiches/fiche-replication.ts';
import { ApiClient } from '../../components/data/replication/api-client.ts';
import { patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { serveOverHttp } from '../testing/http-server.ts';
import { skipWithoutPostgres } from '../testing/test-postgres.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;

/**
 * End to end: two instances of the server on one PostgreSQL database, each served over real
 * HTTP, and real RxDB clients (the widgets' own replication, `replicateFiches`, on RxDB's memory
 * storage) connected to different instances, as a load balancer would spread them.
 */
describe('RxDB clients on two instances of the server sharing one PostgreSQL database', { skip: skipWithoutPostgres }, () => {
  let a: DemoApp;
  let b: DemoApp;
  const closers: (() => Promise<unknown>)[] = [];

  before(async () => {
    a = await createDemoApp({ backend: 'postgres' });
    b = await createDemoApp({ backend: 'postgres', sharedPostgres: a.postgresUrl });
  });
  after(async () => {
    for (const close of closers.reverse()) await close();
    await b?.dispose();
    await a?.dispose();
  });

  /** A device signed in on one instance: its local database, replicating the fiches. */
  async function device(instance: DemoApp, identifier: string, password: string): Promise<TeleservicesDatabase> {
    const http = await serveOverHttp(instance.app);
    const token = await instance.signIn(identifier, password);
    const db = await createTeleservicesDatabase({ name: `device-${identifier.split('@')[0]}-${closers.length}-${Date.now()}`, storage: 'memory' });
    const replication = replicateFiches(db, new ApiClient({ server: http.url, token: () => token, locale: 'fr' }), { retryTime: 500 });
    closers.push(http.close, () => db.close(), () => replication.stop());
    await replication.state.awaitInitialReplication();
    return db;
  }

  async function waitForFiles(db: TeleservicesDatabase, ids: readonly string[]): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = await db.fiches.findByIds([...ids]).exec();
      if (found.size === ids.length) return;
      assert.ok(Date.now() < deadline, `${ids.length - found.size} of ${ids.length} files never reached the device`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('what each device writes through its instance reaches the other device through the other instance, stamped by the server, and no one outside the practice', async () => {
    const martinOnA = await device(a, 'dr.martin@demo.test', 'Medecin#2026');
    const martinOnB = await device(b, 'dr.martin@demo.test', 'Medecin#2026');
    const durandOnB = await device(b, 'dr.durand@demo.test', 'Medecin#2026');

    const written = (db: TeleservicesDatabase) =>
      Promise.all(
        Array.from({ length: 15 }, async () => {
          const fiche = withStorageDefaults(patientZero({ updatedAt: new Date().toISOString() }));
          await db.fiches.insert(fiche as unknown as LocalFiche);
          return fiche['id'] as string;
        }),
      );
    const [fromA, fromB] = await Promise.all([written(martinOnA), written(martinOnB)]);
    const all = [...fromA, ...fromB];
    await waitForFiles(martinOnA, all);
    await waitForFiles(martinOnB, all);
    const onB = (await martinOnB.fiches.findByIds(fromA).exec()).get(fromA[0]!)!.toJSON() as Record<string, unknown>;
    assert.equal(onB['declarantId'], 'u-martin', 'the copy that came through the other instance carries the server’s fields');
    assert.equal(onB['structureId'], 's-cabinet-martin');
    assert.equal((await durandOnB.fiches.find().exec()).length, 0, 'another practice’s device received none of them');
  });
});
