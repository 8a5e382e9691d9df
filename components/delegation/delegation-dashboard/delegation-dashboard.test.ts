import { setViewport } from '@web/test-runner-commands';
import { html } from 'lit';
import type { DelegationDocument } from '../../../domain/delegation/delegation.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { nextEvent, root, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../../testing/runtime-host.ts';
import { waitFor } from '../../testing/sync-server.ts';
import './delegation-dashboard.ts';
import type { DelegationDashboard } from './delegation-dashboard.ts';

const rows = (el: DelegationDashboard) => Array.from(root(el).querySelectorAll('section[aria-labelledby="dashboard-title"] tbody tr'));

let counter = 0;
/** The signed-in user of the current test (memory databases are per user name: one per test). */
let me = 'u-me';
function delegation(overrides: Partial<DelegationDocument>): DelegationDocument {
  counter += 1;
  return {
    id: `d-${counter}`,
    delegantId: me,
    delegantName: 'Dr Claire Martin',
    delegateId: `u-${counter}`,
    delegateEmail: `delegue${counter}@exemple.fr`,
    delegateCivility: 'M.',
    delegateFirstName: 'Jean',
    delegateLastName: `Nom${counter}`,
    profile: 'remplacant',
    cpeCardId: '',
    validFrom: '2026-11-01',
    validUntil: '2099-12-31',
    status: 'validee',
    statusSince: '2026-11-01T00:00:00.000Z',
    structures: [{ id: 's-test', name: 'Cabinet Test', number: '631994977', address: '1 rue de Paris 75012 PARIS' }],
    createdAt: `2026-11-${String(counter % 28 + 1).padStart(2, '0')}T00:00:00.000Z`,
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('<delegation-dashboard> on the local replica', () => {
  let runtime: TeleservicesRuntime;
  beforeEach(() => {
    me = `u-me-${Math.random().toString(36).slice(2, 10)}`;
  });
  afterEach(async () => {
    await runtime?.close();
  });

  async function render(role = 'medecin', documents: DelegationDocument[] = [], user: Record<string, unknown> = {}): Promise<DelegationDashboard> {
    runtime = await openTestRuntime(role, { id: me, ...user });
    for (const doc of documents) await runtime.db.delegations.upsert(doc);
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider .services=${runtime.services}><delegation-dashboard></delegation-dashboard></test-runtime-provider>`);
    const el = host.querySelector('delegation-dashboard')!;
    await waitFor(() => documents.length === 0 || root(el).querySelector('tbody tr'), { message: 'the rows' });
    return el;
  }

  it('lists the delegations given with the seed’s columns, VALIDER only on « À valider » rows', async () => {
    const el = await render('medecin', [
      delegation({ delegateLastName: 'Garnier', delegateFirstName: 'Lucas', delegateEmail: 'remplacant@demo.test', status: 'validee' }),
      delegation({ delegateLastName: 'Roussel', delegateFirstName: 'Inès', profile: 'assistant_medical', status: 'a_valider' }),
      delegation({ delegateLastName: '', delegateFirstName: '', delegateEmail: 'nouveau@exemple.fr', status: 'en_cours', profile: 'comptable' }),
    ]);
    assertAccessible(el);
    const headers = Array.from(root(el).querySelectorAll('thead th')).map((th) => th.textContent!.trim().toUpperCase());
    assert.deepEqual(headers.slice(0, 7), ['NOM', 'PRÉNOM', 'IDENTIFIANT', 'PROFIL', 'VALIDITÉ', 'NB STRUCTURES', 'STATUT']);
    assert.match(text(el), /3 délégations/);
    assert.equal(root(el).querySelectorAll('button[name="validate"]').length, 1);
    assert.match(root(el).querySelector('button[name="validate"]')!.closest('tr')!.textContent!, /ROUSSEL/);
    assert.match(text(el), /01\/11\/2026 – 31\/12\/2099/);
  });

  it('searches by name, status and profile, and resets', async () => {
    const el = await render('medecin', [
      delegation({ delegateLastName: 'Garnier', status: 'validee' }),
      delegation({ delegateLastName: 'Gérard', status: 'en_cours', profile: 'comptable' }),
      delegation({ delegateLastName: 'Roussel', status: 'refusee' }),
    ]);
    const form = root(el).querySelector('form.search') as HTMLFormElement;
    (form.querySelector('[name="name"]') as HTMLInputElement).value = 'ger';
    form.requestSubmit();
    await el.updateComplete;
    assert.deepEqual(rows(el).map((r) => r.children[0]!.textContent), ['GÉRARD'], 'accents ignored');
    (form.querySelector('[name="name"]') as HTMLInputElement).value = '';
    (form.querySelector('[name="status"][value="validee"]') as HTMLInputElement).checked = true;
    (form.querySelector('[name="status"][value="refusee"]') as HTMLInputElement).checked = true;
    form.requestSubmit();
    await el.updateComplete;
    assert.equal(rows(el).length, 2);
    (form.querySelector('[name="profile"]') as HTMLSelectElement).value = 'comptable';
    form.requestSubmit();
    await el.updateComplete;
    assert.match(text(el), /Aucune délégation ne correspond à la recherche/);
    (root(el).querySelector('button[name="reset-search"]') as HTMLButtonElement).click();
    await el.updateComplete;
    assert.equal(rows(el).length, 3);
  });

  it('pages the rows (rows per page) with a labelled pagination', async () => {
    const el = await render('medecin', Array.from({ length: 12 }, () => delegation({})));
    assert.equal(rows(el).length, 10);
    const perPage = root(el).querySelector('select[name="per-page"]') as HTMLSelectElement;
    perPage.value = '5';
    perPage.dispatchEvent(new Event('change'));
    await el.updateComplete;
    assert.equal(rows(el).length, 5);
    (root(el).querySelector('nav.pages button[aria-label="Page 3"]') as HTMLButtonElement).click();
    await el.updateComplete;
    assert.equal(rows(el).length, 2);
    assert.equal(root(el).querySelector('nav.pages [aria-current="page"]')!.textContent, '3');
  });

  it('asks before deleting, and says when the network is missing (the row stays)', async () => {
    const el = await render('medecin', [delegation({ delegateEmail: 'garnier@exemple.fr', profile: 'comptable' })]);
    (root(el).querySelector('button[name="delete"]') as HTMLButtonElement).click();
    const dialog = await waitFor(() => root(el).querySelector('dialog[open]'), { message: 'the confirmation' });
    assert.match(dialog.textContent ?? '', /Vous êtes sur le point de supprimer la délégation attribuée à garnier@exemple\.fr \| Comptable/);
    (dialog.querySelector('button[name="confirm-delete"]') as HTMLButtonElement).click();
    await waitFor(() => /cette action a besoin du réseau/.test(text(el)), { message: 'the offline message' });
    assert.equal(rows(el).length, 1);
  });

  it('shows a délégué the delegations received, with the answers and « Agir pour le compte de… »', async () => {
    const el = await render('delegue', [
      delegation({ delegantId: 'u-martin', delegateId: me, status: 'en_cours' }),
      delegation({ delegantId: 'u-durand', delegantName: 'Dr Pierre Durand', delegateId: me, status: 'validee' }),
    ]);
    assert.match(text(el), /Délégations reçues/);
    assert.equal(root(el).querySelector('section[aria-labelledby="dashboard-title"]'), null, 'a délégué gives no delegation');
    assert.ok(root(el).querySelector('button[name="accept"]') && root(el).querySelector('button[name="refuse"]'));
    const acted = nextEvent<Event & { detail?: { delegantName: string } }>(el, 'delegation-act-request');
    (root(el).querySelector('button[name="act"]') as HTMLButtonElement).click();
    assert.equal((await acted).detail?.delegantName, 'Dr Pierre Durand');
    assertAccessible(el);
  });

  it('shows the number of structures of a delegation received, not their names', async () => {
    const two = [
      { id: 's-a', name: 'Cabinet Alpha', number: '631994977', address: '1 rue de Paris 75012 PARIS' },
      { id: 's-b', name: 'Cabinet Beta', number: '691234561', address: '8 rue Garibaldi 69003 LYON' },
    ];
    const el = await render('delegue', [delegation({ delegantId: 'u-martin', delegateId: me, structures: two })]);
    const headers = Array.from(root(el).querySelectorAll('section[aria-labelledby="received-title"] th')).map((th) => th.textContent!.trim().toUpperCase());
    const cells = Array.from(root(el).querySelectorAll('section[aria-labelledby="received-title"] tbody td')).map((td) => td.textContent!.trim());
    assert.equal(cells[headers.indexOf('NB STRUCTURES')], '2');
  });

  describe('at narrow widths (a tablet at 750 px, a phone at 375 px)', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));
    const LONG = 'une.adresse.tres.longue.de.delegue@exemple-de-cabinet.fr';

    /** Every button of the section's rows lies within its card, nothing hidden behind a horizontal scroll, the page no wider than the screen. */
    function assertWithinCard(el: DelegationDashboard, section: string, names: readonly string[]) {
      const panel = root(el).querySelector(`section[aria-labelledby="${section}"]`)!;
      const box = panel.getBoundingClientRect();
      const scroller = panel.querySelector('.table-scroll')!;
      assert.ok(scroller.scrollWidth <= scroller.clientWidth + 1, `${section}: no column behind a horizontal scroll (${scroller.scrollWidth} > ${scroller.clientWidth})`);
      assert.ok(document.documentElement.scrollWidth <= innerWidth, `${section}: the page no wider than the screen (${document.documentElement.scrollWidth} > ${innerWidth})`);
      const buttons = Array.from(panel.querySelectorAll<HTMLButtonElement>('tbody button'));
      assert.deepEqual([...new Set(buttons.map((b) => b.name))].sort(), [...names].sort());
      for (const button of buttons) {
        const rect = button.getBoundingClientRect();
        assert.ok(rect.left >= box.left - 0.5 && rect.right <= box.right + 0.5, `${section}: « ${button.name} » within the card (${rect.left}–${rect.right} in ${box.left}–${box.right})`);
        assert.ok(rect.width > 0 && rect.height > 0, `${section}: « ${button.name} » shown`);
      }
      // Each value stays named by its column once the header row is out of sight.
      const cell = panel.querySelector('tbody td[data-label]:not([data-label=""])')!;
      assert.match(getComputedStyle(cell, '::before').content, /[A-Za-zÀ-ÿ]/);
    }

    for (const width of [750, 375]) {
      it(`keeps the action and trash columns of the delegations given inside their card at ${width} px`, async () => {
        await setViewport({ width, height: 900 });
        const el = await render('medecin', [
          delegation({ delegateEmail: LONG, status: 'validee' }),
          delegation({ delegateLastName: 'Roussel', profile: 'assistant_medical', status: 'a_valider' }),
        ]);
        assertWithinCard(el, 'dashboard-title', ['update', 'delete', 'validate']);
        assertAccessible(el);
      });

      it(`keeps « Agir pour le compte de… » and the answers of the delegations received inside their card at ${width} px`, async () => {
        await setViewport({ width, height: 900 });
        const el = await render('delegue', [
          delegation({ delegantId: 'u-martin', delegantName: 'Dr Claire-Amandine Martin-Lefebvre', delegateId: me, status: 'validee' }),
          delegation({ delegantId: 'u-durand', delegantName: 'Dr Pierre Durand', delegateId: me, status: 'en_cours' }),
        ]);
        assertWithinCard(el, 'received-title', ['act', 'accept', 'refuse']);
        assertAccessible(el);
      });
    }

    it('stays a table with its header row where there is room (1 280 px)', async () => {
      await setViewport({ width: 1280, height: 900 });
      const el = await render('medecin', [delegation({ delegateEmail: LONG })]);
      const header = root(el).querySelector('thead th')!.getBoundingClientRect();
      assert.ok(header.height > 1 && header.width > 1, 'the header row shown');
      assert.equal(getComputedStyle(root(el).querySelector('tbody tr')!).display, 'table-row');
    });
  });

  it('offers a substitute without a practice no « Créer une nouvelle délégation », and says why', async () => {
    const el = await render('medecin', [], { structures: [], accountKind: 'liberal' });
    assert.equal(root(el).querySelector('button[name="create"]'), null);
    assert.match(text(el), /Seul un professionnel de santé ayant au moins un cabinet libéral, ou un directeur d’établissement, peut créer une délégation\./);
    assert.match(text(el), /Délégations reçues.*Aucune délégation reçue pour l’instant/);
    assertAccessible(el);
  });

  it('speaks English', async () => {
    runtime = await openTestRuntime('medecin', { id: me });
    const host = await fixture<HTMLDivElement>(html`<div lang="en"><test-runtime-provider .services=${runtime.services}><delegation-dashboard></delegation-dashboard></test-runtime-provider></div>`);
    const el = host.querySelector('delegation-dashboard')!;
    await el.updateComplete;
    assert.match(text(el), /Create a new delegation/);
    assert.match(text(el), /No delegation yet/);
  });
});
