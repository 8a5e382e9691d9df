import { html } from 'lit';
import { todayInParis } from '../../../domain/validation/dates.ts';
import '../../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { click, errorOf, fill, root, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import './delegation-dashboard.ts';
import type { DelegationDashboard } from './delegation-dashboard.ts';

/** `offsetDays` from today in Paris (the server's calendar), `YYYY-MM-DD`. */
const isoDay = (offsetDays: number) => new Date(Date.parse(todayInParis()) + offsetDays * 86_400_000).toISOString().slice(0, 10);
const frDate = (iso: string) => iso.split('-').reverse().join('/');

/** « Mise à jour d'une délégation » from Dr Claire Martin's dashboard, against the real sync server and its demo delegation to her accountant. */
describe('<delegation-dashboard> « Mise à jour d’une délégation », against the real sync server', function () {
  this.timeout(90_000);
  const server = useSyncServer();

  async function dashboardOf(token: string): Promise<DelegationDashboard> {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${token}><delegation-dashboard></delegation-dashboard></teleservices-provider>`);
    await provider.ready;
    const dashboard = provider.querySelector('delegation-dashboard')!;
    await waitFor(() => root(dashboard).querySelector('tr[data-id="d-demo-comptable"] button[name="update"]'), { message: 'the accountant’s row and its update button', timeoutMs: 40_000 });
    return dashboard;
  }

  it('changes the end date with the CPS card: errors next to the field, the server’s refusal, then the new dates in the row and the délégué told', async () => {
    const dashboard = await dashboardOf(await server.cardSignIn('10001234565'));
    click(root(dashboard), 'tr[data-id="d-demo-comptable"] button[name="update"]');
    const form = await waitFor(() => root(dashboard).querySelector<HTMLFormElement>('.update form'), { message: 'the update form' });
    assert.match(text(dashboard), /Mise à jour d’une délégation[\s\S]*Léa Fabre \(comptable@demo\.test\)[\s\S]*Comptable[\s\S]*Validée/);
    assertAccessible(dashboard);
    const validFrom = (form.querySelector('[name="validFrom"]') as HTMLInputElement).value;
    assert.equal(validFrom, isoDay(0));

    // The shared schema, in the browser: an end before the start, next to « Date de fin ».
    fill(root(dashboard), { validUntil: isoDay(-1) });
    form.requestSubmit();
    await waitFor(() => errorOf(root(dashboard), 'validUntil'), { message: 'the end date’s error' });
    assert.equal(errorOf(root(dashboard), 'validUntil'), 'La date de fin ne peut pas précéder la date de début.');
    assert.equal(root(dashboard).activeElement?.getAttribute('name'), 'validUntil', 'the field in error has the focus');

    // The server's refusal: nothing changed.
    fill(root(dashboard), { validUntil: isoDay(90) });
    form.requestSubmit();
    await waitFor(() => /Aucune modification/.test(root(dashboard).querySelector('.update [role="alert"]')?.textContent ?? ''), { message: 'the server’s « Aucune modification »' });

    // The update itself: three more months.
    fill(root(dashboard), { validUntil: isoDay(180) });
    root(dashboard).querySelector<HTMLFormElement>('.update form')!.requestSubmit();
    await waitFor(() => /La délégation de Léa Fabre a été mise à jour/.test(text(dashboard)), { message: 'the confirmation' });
    click(root(dashboard), 'button[name="update-back"]');
    await waitFor(() => root(dashboard).querySelector('tr[data-id="d-demo-comptable"]')?.textContent?.includes(frDate(isoDay(180))), { message: 'the new end date in the row' });
    const mail = (await server.outbox()).find((m) => m.recipient === 'comptable@demo.test' && m.subject === 'Mise à jour de votre délégation');
    assert.ok(mail, 'the délégué is told');
    assert.match(mail!.body, new RegExp(`au ${frDate(isoDay(180))}`));
  });

  it('with a password session, says the CPS card is needed instead of showing the form', async () => {
    const dashboard = await dashboardOf(await server.signIn('dr.martin@demo.test', 'Medecin#2026'));
    click(root(dashboard), 'tr[data-id="d-demo-comptable"] button[name="update"]');
    await waitFor(() => /La mise à jour d’une délégation nécessite une connexion par carte CPS/.test(text(dashboard)), { message: 'the CPS card notice' });
    assert.equal(root(dashboard).querySelector('.update form'), null);
    click(root(dashboard), 'button[name="update-abandon"]');
    await waitFor(() => root(dashboard).querySelector('tbody tr'), { message: 'back to the list' });
  });
});
