import { html } from 'lit';
import { firstValueFrom } from 'rxjs';
import { patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../../testing/runtime-host.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { waitFor } from '../../testing/sync-server.ts';
import './teleservices-sync-issues.ts';
import type { TeleservicesSyncIssues } from './teleservices-sync-issues.ts';


describe('<teleservices-sync-issues>', () => {
  let runtime: TeleservicesRuntime;
  beforeEach(async () => {
    runtime = await openTestRuntime();
  });
  afterEach(async () => {
    await runtime.close();
  });

  const render = async (lang = 'fr') => {
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang=${lang} .services=${runtime.services}><teleservices-sync-issues></teleservices-sync-issues></test-runtime-provider>`);
    return host.querySelector('teleservices-sync-issues') as TeleservicesSyncIssues;
  };

  it('says there is nothing to check when nothing was refused or overridden', async () => {
    const issues = await render();
    await runtime.services.fiches.save(patientZero(), 'medecin');
    await waitFor(() => /Aucune fiche à vérifier/.test(text(issues)), { message: 'the empty state' });
    assertAccessible(issues);
  });

  it('shows a refused file with the server’s reason and the field at fault, and hides it on request', async () => {
    const fiche = patientZero({ lastName: 'Lefèvre', firstName: 'Anne' });
    await runtime.services.fiches.save(fiche, 'medecin');
    await runtime.services.journal.markRefused('fiches', fiche['id'] as string, { reason: 'Un pharmacien ne peut pas modifier l’identité d’un patient.', fields: ['lastName'] });
    const issues = await render();
    await waitFor(() => /Fiche refusée par le serveur : LEFÈVRE Anne/.test(text(issues)), { message: 'the refused file' });
    assert.match(text(issues), /ne peut pas modifier l’identité/);
    assert.match(text(issues), /Nom d’usage/);
    assertAccessible(issues);
    (issues.shadowRoot!.querySelector('.refused button') as HTMLButtonElement).click();
    await waitFor(() => /Aucune fiche à vérifier/.test(text(issues)), { message: 'the issue hidden' });
  });

  it('shows both values of a field changed on both sides, and applies mine again on request', async () => {
    const fiche = patientZero({ phone: '0700000001', diagnosis: 'rt_pcr_positif' });
    await runtime.services.fiches.save(fiche, 'medecin');
    await runtime.services.journal.markConflict('fiches', fiche['id'] as string, [
      { field: 'phone', local: '"0700000002"', remote: '"0700000001"' },
      { field: 'diagnosis', local: '"probable"', remote: '"rt_pcr_positif"' },
    ]);
    const issues = await render();
    await waitFor(() => /modifiée en même temps/.test(text(issues)), { message: 'the conflict' });
    assert.match(text(issues), /Téléphone 07 00 00 00 02 07 00 00 00 01/);
    assert.match(text(issues), /Diagnostic Probable \(symptômes \+ scanner\) Résultat RT PCR confirmé positif/);
    assertAccessible(issues);

    const reapplyPhone = issues.shadowRoot!.querySelector('button[aria-label="Reprendre ma saisie : Téléphone"]') as HTMLButtonElement;
    reapplyPhone.click();
    await waitFor(async () => (await runtime.services.fiches.get(fiche['id'] as string))?.phone === '0700000002', { message: 'my value applied again' });
    const entry = await firstValueFrom(runtime.services.journal.entry$('fiches', fiche['id'] as string));
    assert.equal(entry?.state, 'pending', 'it is a new edit, on its way to the server');
  });

  it('keeps an overridden value to look at when the file is edited again before that', async () => {
    const fiche = patientZero({ phone: '0611111111' });
    await runtime.services.fiches.save(fiche, 'medecin');
    await runtime.services.journal.markConflict('fiches', fiche['id'] as string, [{ field: 'phone', local: '"0700000002"', remote: '"0611111111"' }]);
    const current = (await runtime.services.fiches.get(fiche['id'] as string))!;
    await runtime.services.fiches.save({ ...current, commune: 'Lyon' }, 'medecin');
    const issues = await render();
    await waitFor(() => /Téléphone 07 00 00 00 02 06 11 11 11 11/.test(text(issues)), { message: 'the conflict still shown' });
    const counts = await firstValueFrom(runtime.services.journal.counts$());
    assert.deepEqual(counts, { pending: 1, refused: 0, conflicts: 1 });
    await runtime.services.journal.markSent('fiches', [fiche['id'] as string], Date.now());
    const entry = await firstValueFrom(runtime.services.journal.entry$('fiches', fiche['id'] as string));
    assert.equal(entry?.state, 'conflict', 'sent, and the conflict still waits for the user');
  });

  it('speaks English', async () => {
    const issues = await render('en');
    assert.match(text(issues), /To check before syncing/);
  });
});
