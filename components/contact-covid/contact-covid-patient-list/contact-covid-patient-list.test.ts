import { html } from 'lit';
import { of } from 'rxjs';
import type { FicheSummary } from '../../../domain/fiche/fiche-summary.ts';
import { patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import type { TeleservicesProvider } from '../../shell/teleservices-provider/teleservices-provider.ts';
import '../../shell/teleservices-provider/teleservices-provider.ts';
import { FIRST_SYNC_PAGE } from '../../data/replication/first-sync.ts';
import type { SyncStatus } from '../../data/sync/sync-status.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { nextEvent, root, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../../testing/runtime-host.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import './contact-covid-patient-list.ts';
import type { ContactCovidPatientList } from './contact-covid-patient-list.ts';

const rows = (list: ContactCovidPatientList) => [...root(list).querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()));
function search(list: ContactCovidPatientList, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) (root(list).querySelector(`[name="${name}"]`) as HTMLInputElement).value = value;
  root(list).querySelector<HTMLFormElement>('form.search')!.requestSubmit();
}

describe('<contact-covid-patient-list>', () => {
  let runtime: TeleservicesRuntime;
  beforeEach(async () => {
    runtime = await openTestRuntime();
  });
  afterEach(async () => {
    await runtime.close();
  });

  async function render(lang = 'fr') {
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang=${lang} .services=${runtime.services}><contact-covid-patient-list></contact-covid-patient-list></test-runtime-provider>`);
    const list = host.querySelector('contact-covid-patient-list') as ContactCovidPatientList;
    await list.updateComplete;
    return list;
  }

  it('is empty on the first visit, and says how to start', async () => {
    const list = await render();
    assertAccessible(list);
    assert.match(text(list), /Votre liste Contact-COVID/);
    assert.match(text(list), /0 fiche trouvée/);
    assert.match(text(list), /Vous n’avez encore saisi aucune fiche/);
    assert.match(text(list), /3608 \(service gratuit \+ prix appel\), sélectionnez le choix 2 — du lundi au vendredi de 9h à 17h, le samedi de 9h à 12h et de 14h à 17h, le dimanche de 9h à 12h/);
    assert.ok(root(list).querySelector('a[href^="https://www.ameli.fr/medecin/actualites/contact-covid-et-protection"]'), 'the guides’ ameli.fr links');
  });

  it('lists the files with PATIENT and NIR, “Vous-même”, ÉTAT, and counts them', async () => {
    await runtime.services.fiches.save(patientZero({ lastName: 'Dupont', firstName: 'Jean', nir: '255081416802538' }), 'medecin');
    await runtime.services.fiches.save(patientZero({ lastName: 'Lefèvre', firstName: 'Anne', status: 'brouillon' }), 'medecin');
    const list = await render();
    await waitFor(() => /2 fiches trouvées/.test(text(list)), { message: 'two files' });
    const headers = [...root(list).querySelectorAll('thead th')].map((th) => th.textContent!.trim().toUpperCase());
    assert.deepEqual(headers, ['PATIENT', 'DÉCLARANT', 'RÉCEPTION', 'ÉTAT', 'DEPUIS']);
    const dupont = rows(list).find((r) => r[0]!.startsWith('DUPONT'))!;
    assert.match(dupont[0]!, /^DUPONT Jean\s*NIR : 2 55 08 14 168 025 38$/);
    assert.deepEqual(dupont.slice(1, 4), ['Vous-même', 'En attente d’envoi', 'P0 - Confirmé - À trouver']);
    assert.ok(rows(list).some((r) => r[3] === 'Brouillon'));
    assertAccessible(list);
  });

  it('searches by nom (accents and case aside) and by statut, and resets', async () => {
    await runtime.services.fiches.save(patientZero({ lastName: 'Lefèvre', firstName: 'Anne' }), 'medecin');
    await runtime.services.fiches.save(patientZero({ lastName: 'Martin', firstName: 'Paul', status: 'brouillon' }), 'medecin');
    const list = await render();
    await waitFor(() => rows(list).length === 2, { message: 'two rows' });
    search(list, { lastName: 'LEFEVRE' });
    await waitFor(() => rows(list).length === 1 && /1 fiche trouvée/.test(text(list)), { message: 'one match by name' });
    search(list, { lastName: '', status: 'brouillon' });
    await waitFor(() => rows(list).length === 1 && rows(list)[0]![0]!.startsWith('MARTIN'), { message: 'one draft' });
    (root(list).querySelector('form.search button[type="button"]') as HTMLButtonElement).click();
    await waitFor(() => rows(list).length === 2, { message: 'reset' });
  });

  it('searches at once the NIR the host gives (its current patient), and shows every file again without it', async () => {
    await runtime.services.fiches.save(patientZero({ lastName: 'Lefèvre', firstName: 'Anne', nir: '255081416802538' }), 'medecin');
    await runtime.services.fiches.save(patientZero({ lastName: 'Martin', firstName: 'Paul' }), 'medecin');
    const list = await render();
    await waitFor(() => rows(list).length === 2, { message: 'two rows' });
    list.nir = '2 55 08 14 168 025 38';
    await waitFor(() => rows(list).length === 1 && rows(list)[0]![0]!.startsWith('LEFÈVRE'), { message: 'the host’s patient' });
    assert.equal((root(list).querySelector('[name="nir"]') as HTMLInputElement).value, '255081416802538', 'the search field shows it');
    list.nir = '';
    await waitFor(() => rows(list).length === 2, { message: 'every file again' });
  });

  it('sorts by a column both ways, and says so to assistive technologies', async () => {
    for (const lastName of ['Bernard', 'Arnaud', 'Caron']) await runtime.services.fiches.save(patientZero({ lastName }), 'medecin');
    const list = await render();
    await waitFor(() => rows(list).length === 3, { message: 'three rows' });
    const patientHeader = root(list).querySelector('thead th') as HTMLElement;
    patientHeader.querySelector('button')!.click();
    await list.updateComplete;
    assert.equal(patientHeader.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(rows(list).map((r) => r[0]!.split(' ')[0]), ['ARNAUD', 'BERNARD', 'CARON']);
    patientHeader.querySelector('button')!.click();
    await list.updateComplete;
    assert.equal(patientHeader.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(rows(list).map((r) => r[0]!.split(' ')[0]), ['CARON', 'BERNARD', 'ARNAUD']);
  });

  it('shows 25 files a page and pages through the rest', async () => {
    for (let i = 0; i < 30; i++) await runtime.services.fiches.save(patientZero({ lastName: `Patient${String.fromCharCode(97 + (i % 26))}` }), 'medecin');
    const list = await render();
    await waitFor(() => /30 fiches trouvées/.test(text(list)), { message: '30 files' });
    assert.equal(rows(list).length, 25);
    assert.match(text(list), /Page 1 sur 2/);
    (root(list).querySelector('.pager button:last-of-type') as HTMLButtonElement).click();
    await list.updateComplete;
    assert.equal(rows(list).length, 5);
  });

  it('asks the host to open a file or to create one', async () => {
    const fiche = patientZero({ lastName: 'Dupont', firstName: 'Jean' });
    await runtime.services.fiches.save(fiche, 'medecin');
    const list = await render();
    await waitFor(() => rows(list).length === 1, { message: 'one row' });
    const opened = new Promise<Event & { detail: { id: string } }>((resolve) => list.addEventListener('patient-open-request', (e) => resolve(e as never), { once: true }));
    (root(list).querySelector('button[aria-label="Ouvrir la fiche de DUPONT Jean"]') as HTMLButtonElement).click();
    assert.equal((await opened).detail.id, fiche['id']);
    const create = nextEvent<Event>(list, 'patient-create-request');
    (root(list).querySelector('header button') as HTMLButtonElement).click();
    assert.equal((await create).type, 'patient-create-request');
  });

  it('does not offer NOUVEAU PATIENT to whom the server would refuse a file: a biologist, a médecin conseil, a doctor without a practice', async () => {
    for (const [role, user] of [['biologiste', {}], ['medecin_conseil', {}], ['medecin', { structures: [] }]] as const) {
      await runtime.close();
      runtime = await openTestRuntime(role, user);
      const list = await render();
      assert.equal(root(list).querySelector('header button'), null, `${role} ${JSON.stringify(user)}`);
    }
    await runtime.close();
    runtime = await openTestRuntime('pharmacien');
    const list = await render();
    assert.match(root(list).querySelector('header button')?.textContent ?? '', /NOUVEAU PATIENT|Nouveau patient/i);
  });

  it('tells a pharmacist offline that the NIR search needs the server', async () => {
    await runtime.close();
    runtime = await openTestRuntime('pharmacien');
    const list = await render();
    assert.match(text(list), /Délivrance de masques/);
    search(list, { nir: '2 55 08 14 168 025 38' });
    await waitFor(() => /n’est pas possible hors ligne/.test(text(list)), { message: 'the offline message' });
    search(list, { nir: '2 55 08' });
    await waitFor(() => /Saisissez le NIR complet/.test(text(list)), { message: 'the incomplete-NIR message' });
  });

  it('never shows the server’s late answer to an older NIR search under a newer one', async () => {
    await runtime.close();
    runtime = await openTestRuntime('pharmacien');
    const summary = (nir: string, lastName: string): FicheSummary => ({ id: `f-${lastName}`, kind: 'contact', status: 'pc_contact_a_trouver', nir, lastName, firstName: 'Marie', postcode: '75012', createdAt: '2026-03-01T08:00:00.000Z', statusSince: '2026-03-01T08:00:00.000Z' });
    // Each search's answer, given by the test when it chooses (the list awaits it first).
    const answers = new Map<string, { found: Promise<FicheSummary[]>; give: (found: FicheSummary[]) => void }>();
    const ficheServer = {
      byNir: (nir: string) => {
        let give: (found: FicheSummary[]) => void = () => undefined;
        const found = new Promise<FicheSummary[]>((resolve) => (give = resolve));
        answers.set(nir.replace(/\s/g, ''), { found, give });
        return found;
      },
    };
    const online: SyncStatus = { connection: 'online', pending: 0, refused: 0, conflicts: 0, error: null };
    const services = { ...runtime.services, ficheServer, syncStatus$: of(online) } as unknown as TeleservicesServices;
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang="fr" .services=${services}><contact-covid-patient-list></contact-covid-patient-list></test-runtime-provider>`);
    const list = host.querySelector('contact-covid-patient-list') as ContactCovidPatientList;
    await list.updateComplete;
    search(list, { nir: '2 85 01 75 112 345 12' });
    search(list, { nir: '1 62 02 75 004 118 16' });
    await waitFor(() => answers.size === 2, { message: 'both searches sent' });
    const newer = answers.get('162027500411816')!;
    newer.give([]);
    await newer.found.then(() => list.updateComplete);
    const older = answers.get('285017511234512')!;
    older.give([summary('285017511234512', 'DUPONT')]);
    await older.found.then(() => list.updateComplete);
    assert.equal(rows(list).length, 0, 'the older search’s DUPONT is not listed under the newer NIR');
    assert.ok(!/Recherche en cours/.test(text(list)), 'the newer search is over');
  });

  it('speaks English', async () => {
    const list = await render('en');
    assert.match(text(list), /Your Contact-COVID list/);
  });
});

describe('<contact-covid-patient-list> for a pharmacist and a biologist, with the real server and the demo’s files', function () {
  this.timeout(40_000);
  const server = useSyncServer();

  async function listFor(email: string, password: string) {
    const token = await server.signIn(email, password);
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${token}>
      <contact-covid-patient-list></contact-covid-patient-list>
    </teleservices-provider>`);
    await provider.ready;
    const list = provider.querySelector('contact-covid-patient-list') as ContactCovidPatientList;
    await waitFor(() => root(list).querySelector('form.search'), { message: 'the list' });
    return { provider, list };
  }

  it('« Délivrance de masques — Liste de vos patients »: the pharmacy’s own files by Nir, Nom, Prénom, Statut; a full NIR finds a doctor’s contact on the server', async () => {
    const { provider, list } = await listFor('pharmacie.centrale@demo.test', 'Pharma#2026');
    assert.match(text(list), /Délivrance de masques — Liste de vos patients/);
    await waitFor(() => rows(list).length === 3, { message: 'the pharmacy’s three demo files (the guide’s « Cas 2 »)' });
    assert.deepEqual(rows(list).map((r) => r[1]), ['Vous-même', 'Vous-même', 'Vous-même']);
    search(list, { lastName: 'girard' });
    await waitFor(() => rows(list).length === 2, { message: 'by nom' });
    search(list, { lastName: 'girard', firstName: 'Jean' });
    await waitFor(() => rows(list).length === 1 && rows(list)[0]![4] === 'P0 - Confirmé - À trouver', { message: 'by nom and prénom' });
    search(list, { lastName: '', firstName: '', status: 'pc_contact_a_trouver' });
    await waitFor(() => rows(list).length === 1 && rows(list)[0]![0]!.startsWith('GIRARD Pierre'), { message: 'by statut' });
    search(list, { status: '', nir: '1 62 02 75 004 118 16' });
    await waitFor(() => rows(list).length === 1 && rows(list)[0]![0]!.startsWith('ROBIN'), { message: 'by NIR, one of its own' });
    assert.match(text(list), /3608 \(service gratuit \+ prix appel\), sélectionnez le choix 2 — du lundi au vendredi de 8h30 à 17h30/);
    assert.ok(root(list).querySelector('a[href="https://sante.fr/recherche/trouver/DepistageCovid"]'), 'the guides’ sante.fr link');

    // The host's offline switch: the server is up, yet the search does not reach it.
    provider.offline = true;
    await provider.updateComplete;
    search(list, { nir: '2 85 01 75 112 345 12' });
    await waitFor(() => /n’est pas possible hors ligne/.test(text(list)), { message: 'the offline message while the host says offline' });
    assert.equal(rows(list).length, 0);
    provider.offline = false;
    await provider.updateComplete;
    search(list, { nir: '2 85 01 75 112 345 12' });
    await waitFor(() => rows(list).length === 1, { message: 'Dr Durand’s contact found on the server' });
    const headers = [...root(list).querySelectorAll('thead th')].map((th) => th.textContent!.trim().toUpperCase());
    assert.deepEqual(headers, ['PATIENT', 'DÉCLARANT', 'DÉPARTEMENT', 'CRÉATION', 'ÉTAT', 'DEPUIS']);
    const [found] = rows(list);
    assert.match(found![0]!, /^DUPONT Marie\s*NIR : 2 85 01 75 112 345 12$/);
    assert.deepEqual([found![1], found![2], found![4]], ['Autre professionnel', '75', 'PC - À contacter']);
    const opened = new Promise<Event & { detail: { id: string } }>((resolve) => list.addEventListener('patient-open-request', (e) => resolve(e as never), { once: true }));
    (root(list).querySelector('button.open') as HTMLButtonElement).click();
    assert.equal((await opened).detail.id, 'demo-pc-dupont');
    await waitFor(() => provider.services!.fiches.get('demo-pc-dupont'), { message: 'the opened contact replicated to the pharmacist’s device' });
    await provider.signOut();
  });

  it('the biologist finds the contact to sample by NIR on the server, with no « Nouveau patient »', async () => {
    const { provider, list } = await listFor('labo.bio@demo.test', 'Biolog#2026');
    assert.match(text(list), /Prélèvements — Liste de vos patients/);
    assert.match(text(list), /Recherchez la personne contact à prélever par son numéro de sécurité sociale complet/);
    assert.equal(/Cliquez sur « Nouveau patient »/.test(text(list)), false, 'no button to click');
    assert.equal(root(list).querySelector('header button'), null);
    search(list, { nir: '285017511234512' });
    await waitFor(() => rows(list).length === 1, { message: 'the contact found on the server' });
    assert.match(rows(list)[0]![0]!, /^DUPONT Marie/);
    (root(list).querySelector('button.open') as HTMLButtonElement).click();
    await waitFor(() => provider.services!.fiches.get('demo-pc-dupont'), { message: 'the contact on the biologist’s device' });
    search(list, { nir: '' });
    await waitFor(() => rows(list).length === 1 && rows(list)[0]![1] === 'Autre professionnel', { message: 'now in the biologist’s own list' });
    assert.match(text(list), /du lundi au vendredi de 8h30 à 17h30/);
    await provider.signOut();
  });
});

describe('<contact-covid-patient-list> on a new device’s first sync, with the real server', function () {
  this.timeout(180_000);
  const server = useSyncServer();
  // A first page of 100, then pages of FIRST_SYNC_PAGE: enough files for the progress to move twice.
  const FILES = 2300;

  it('lists the files as they arrive and says « Synchronisation : n / total fiches », moving on until the last', async () => {
    const token = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
    const letters = (i: number) => [i % 26, Math.floor(i / 26) % 26].map((n) => String.fromCharCode(97 + n)).join('');
    const files = Array.from({ length: FILES }, (_, i) => patientZero({ lastName: `Patient`, firstName: `Jean${letters(i)}` }));
    for (let i = 0; i < files.length; i += 1000) {
      const response = await fetch(`${server.url}/api/replication/fiches/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(files.slice(i, i + 1000).map((newDocumentState) => ({ newDocumentState }))),
      });
      assert.equal(response.status, 200);
    }

    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${token}>
      <contact-covid-patient-list page-size="10"></contact-covid-patient-list>
    </teleservices-provider>`);
    const list = provider.querySelector('contact-covid-patient-list') as ContactCovidPatientList;
    // What the list showed at each change: the progress line, its bar, and how many files it listed.
    const seen: { progress: string; bar: { value: number; max: number } | null; found: number }[] = [];
    const snapshot = () => {
      const line = root(list).querySelector('.sync-progress');
      const bar = line?.querySelector('progress');
      const found = Number(/(\d+) fiches? trouvées?/.exec(text(list))?.[1] ?? 0);
      const progress = line?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      if (progress !== seen.at(-1)?.progress || found !== seen.at(-1)?.found) seen.push({ progress, bar: bar ? { value: bar.value, max: bar.max } : null, found });
    };
    const observer = new MutationObserver(snapshot);
    observer.observe(root(list), { subtree: true, childList: true, characterData: true });
    snapshot();
    try {
      await waitFor(() => seen.some((s) => s.progress === '' && s.found >= FILES), { timeoutMs: 120_000, message: 'every file listed, the progress gone' });
    } finally {
      observer.disconnect();
    }

    const shown = seen.filter((s) => s.progress !== '').map((s) => ({ ...s, match: /^Synchronisation : ([\d\s]+) \/ ([\d\s]+) fiches$/.exec(s.progress) }));
    const number = (digits: string) => Number(digits.replace(/\s/g, ''));
    const totals = new Set(shown.map((s) => number(s.match![2]!)));
    assert.equal(totals.size, 1, 'one total, announced by the server');
    const total = [...totals][0]!;
    assert.ok(total >= FILES, `the total counts the ${FILES} files (and the demo’s): ${total}`);
    const done = shown.map((s) => number(s.match![1]!));
    assert.deepEqual(done, [...done].sort((a, b) => a - b), 'the count only goes up');
    assert.ok(new Set(done).size >= 2, `the progress moved: ${JSON.stringify(seen.map((s) => s.progress))}`);
    assert.ok(done.at(-1)! >= total - FIRST_SYNC_PAGE, `it reaches the last page: ${done.join(', ')} / ${total}`);
    assert.ok(shown.every((s) => s.bar?.max === total && s.bar.value === number(s.match![1]!)), 'a progress bar says the same');
    assert.ok(shown.some((s) => s.found > 0), 'files are listed while the rest arrives');
    assert.equal(root(list).querySelector('.sync-progress')!.getAttribute('role'), 'status');
    assertAccessible(list);
  });
});
