import { html } from 'lit';
import { patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../../testing/runtime-host.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { waitFor } from '../../testing/sync-server.ts';
import './teleservices-sync-status.ts';
import type { TeleservicesSyncStatus } from './teleservices-sync-status.ts';


describe('<teleservices-sync-status>', () => {
  let runtime: TeleservicesRuntime;
  beforeEach(async () => {
    runtime = await openTestRuntime();
  });
  afterEach(async () => {
    await runtime.close();
  });

  const render = async (lang = 'fr') => {
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang=${lang} .services=${runtime.services}><teleservices-sync-status></teleservices-sync-status></test-runtime-provider>`);
    return host.querySelector('teleservices-sync-status') as TeleservicesSyncStatus;
  };

  it('says there is no session outside a provider', async () => {
    const status = await fixture<TeleservicesSyncStatus>(html`<teleservices-sync-status></teleservices-sync-status>`);
    assert.match(text(status), /pas de session/);
    assertAccessible(status);
  });

  it('is a polite live region that says offline, and counts the changes waiting', async () => {
    const status = await render();
    await waitFor(() => /Hors ligne.*vos saisies restent sur cet appareil/.test(text(status)), { message: 'offline, nothing waiting' });
    assert.equal(status.shadowRoot!.querySelector('[role="status"]')?.getAttribute('data-connection'), 'offline');
    await runtime.services.fiches.save(patientZero(), 'medecin');
    await waitFor(() => /1 modification en attente d’envoi/.test(text(status)), { message: 'one change waiting' });
    assertAccessible(status);
  });

  it('names the refused files and the conflicts, and never claims all is in sync then', async () => {
    const status = await render();
    await runtime.services.journal.markRefused('fiches', 'a', { reason: 'Un pharmacien ne peut pas modifier l’identité d’un patient.', fields: ['lastName'] });
    await runtime.services.journal.markConflict('fiches', 'b', [{ field: 'phone', local: '"0700000002"', remote: '"0700000001"' }]);
    await runtime.services.journal.markConflict('fiches', 'c', [{ field: 'phone', local: '"1"', remote: '"2"' }]);
    await waitFor(() => /1 fiche refusée par le serveur.*2 fiches modifiées en même temps ailleurs/.test(text(status)), { message: 'refusal and conflicts' });
    assert.equal(/tout est synchronisé/.test(text(status)), false);
  });

  it('speaks English', async () => {
    const status = await render('en');
    await waitFor(() => /Offline.*your entries stay on this device/.test(text(status)), { message: 'English offline text' });
  });
});
