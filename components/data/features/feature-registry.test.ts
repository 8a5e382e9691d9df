// No static import of any EMS or delegation module here: this page starts with the core only.
import { firstValueFrom, filter } from 'rxjs';
import { assert } from '../../testing/assert.ts';
import { openTestRuntime } from '../../testing/runtime-host.ts';
import { waitFor } from '../../testing/sync-server.ts';
import type { TeleservicesServices } from '../teleservices-context.ts';

describe('features: a page loads only the services whose elements it imports', function () {
  this.timeout(20_000);

  it('opens the core alone, then adds EMS when its element module is loaded later (collections, services, a new services object)', async () => {
    const runtime = await openTestRuntime('medecin', { strongAuth: true });
    try {
      assert.deepEqual(Object.keys(runtime.db.collections).sort(), ['fiches', 'syncjournal'], 'no EMS or delegation collection opened');
      assert.equal((runtime.services as Partial<TeleservicesServices>).ems, undefined);
      assert.equal((runtime.services as Partial<TeleservicesServices>).delegations, undefined);
      const before = runtime.services;

      const extended = firstValueFrom(runtime.services$.pipe(filter((services) => (services as Partial<TeleservicesServices>).ems !== undefined)));
      await import('../../ems/ems-inbox/ems-inbox.ts');
      const services = await extended;
      assert.ok(services !== before, 'consumers get a new object and re-render');
      assert.ok(runtime.db.collections.emsthreads && runtime.db.collections.emsmessages);
      assert.equal(services.fiches, before.fiches, 'the core services stay the same');

      // The feature works at once, offline: a thread written on the device is listed.
      await services.ems.createThread({ patientNir: '285017511234567', patientLastName: 'DUPONT', patientFirstName: 'Marie', subject: 'Suivi', body: 'Bonjour' });
      const listed = await waitFor(async () => (await firstValueFrom(services.ems.summaries$())).length === 1, { message: 'the new thread listed' });
      assert.ok(listed);
    } finally {
      await runtime.close();
    }
  });

  it('a runtime opened after the registration has the feature from the start', async () => {
    await import('../delegations/delegation-feature.ts');
    const runtime = await openTestRuntime();
    try {
      assert.ok(runtime.db.collections.delegations);
      assert.ok(runtime.services.delegations && runtime.services.delegationCommands);
    } finally {
      await runtime.close();
    }
  });
});
