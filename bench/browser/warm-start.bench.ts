// Browser half of `npm run bench`: the warm start of the list — a device already holding 10 000
// files opens its database and <contact-covid-patient-list> paints its first page. Figures are
// printed (console), never asserted.
import { html, render } from 'lit';
import { firstValueFrom } from 'rxjs';
import '../../components/contact-covid/contact-covid-patient-list/contact-covid-patient-list.ts';
import { createTeleservicesDatabase, databaseNameFor, removeTeleservicesDatabase } from '../../components/data/database.ts';
import { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import '../../components/testing/runtime-host.ts';
import { buildRealisticFiches } from '../realistic-fiches.ts';

const COUNT = 10_000;
const RUNS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The files as the server sends them: server-owned fields filled, received over two months. */
function receivedFiches(count: number): Record<string, unknown>[] {
  const start = Date.parse('2026-10-01T08:00:00.000Z');
  return buildRealisticFiches(count).map((fiche, i) => {
    const at = new Date(start + i * 517_000).toISOString();
    return { nir: '', lastName: '', firstName: '', indexCaseId: '', ...fiche, declarantId: 'u-bench', structureId: 's-bench', createdAt: at, statusSince: at, updatedAt: at };
  });
}

describe('bench: warm start of the list', function () {
  this.timeout(600_000);

  it(`paints the first page of a device holding ${COUNT} files`, async () => {
    const userId = `u-bench-warm-${Math.random().toString(36).slice(2, 8)}`;
    const name = databaseNameFor(userId);
    const seeded = await createTeleservicesDatabase({ name });
    await seeded.fiches.bulkInsert(receivedFiches(COUNT) as never);
    await seeded.close();

    const firstPage: number[] = [];
    const allListed: number[] = [];
    const host = document.createElement('div');
    document.body.append(host);
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const runtime = await TeleservicesRuntime.open({
        server: 'http://127.0.0.1:9',
        offline: true,
        session: {
          token: 'bench',
          expiresAt: '2099-01-01T00:00:00.000Z',
          user: {
            id: userId, email: 'bench@demo.test', role: 'medecin', civility: 'Dr', firstName: 'Claire', lastName: 'Martin', strongAuth: false,
            structures: [{ id: 's-bench', kind: 'cabinet', name: 'Cabinet Bench', amNumber: '631994977', finess: null }],
            accountKind: 'liberal', emailVerified: true, firstSignIn: false, passwordChangeRequired: false,
          },
        },
      });
      render(html`<test-runtime-provider .services=${runtime.services}><contact-covid-patient-list></contact-covid-patient-list></test-runtime-provider>`, host);
      const list = host.querySelector('contact-covid-patient-list')!;
      const rows = () => list.shadowRoot?.querySelectorAll('tbody tr').length ?? 0;
      await new Promise<void>((resolve) => {
        const check = () => (rows() > 0 ? resolve() : requestAnimationFrame(check));
        check();
      });
      firstPage.push(performance.now() - started);
      // The list's own query of every file (RxDB shares it): what the other pages, the search and the sorts use.
      const every = await firstValueFrom(runtime.services.fiches.all$());
      allListed.push(performance.now() - started);
      if (every.length !== COUNT) throw new Error(`expected ${COUNT} files, got ${every.length}`);
      render(html``, host);
      await runtime.close();
    }
    host.remove();
    await removeTeleservicesDatabase({ name });

    console.log(
      [
        '',
        `Browser: warm start of <contact-covid-patient-list>, ${COUNT.toLocaleString('fr-FR')} files on the device (IndexedDB), median of ${RUNS} runs`,
        `  database opened to the first page painted   ${Math.round(median(firstPage))} ms  (goal ≤ 300 ms)`,
        `  … to every file read (the other pages, search and sorts)   ${Math.round(median(allListed))} ms`,
      ].join('\n'),
    );
  });
});
