import { html } from 'lit';
import type { DelegationDocument } from '../../domain/delegation/delegation.ts';
import { nirFor, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import '../index.ts';
import type { TeleservicesRuntime } from '../data/teleservices-runtime.ts';
import { assert } from '../testing/assert.ts';
import { allUpdated, fixture } from '../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../testing/runtime-host.ts';
import { waitFor } from '../testing/sync-server.ts';

/** The text of an element and of the shadow roots below it. */
function deepText(node: Node): string {
  let text = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '';
  if (node instanceof Element && node.shadowRoot) text += ` ${deepText(node.shadowRoot)}`;
  for (const child of node.childNodes) text += ` ${deepText(child)}`;
  return text.replace(/\s+/g, ' ');
}

/** Dates written any other way than day first: ISO, month names in either language. */
const OTHER_DATE_FORMATS = /\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|fév|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|août|sep|oct|nov|dec|déc)[a-zé]*\.? \d{4}\b/i;

describe('dates shown by the widgets', function () {
  this.timeout(20_000);
  let runtime: TeleservicesRuntime | undefined;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });

  async function shown(lang: string, content: ReturnType<typeof html>, ready: RegExp): Promise<string> {
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang=${lang} .services=${runtime!.services}>${content}</test-runtime-provider>`);
    let text = '';
    await waitFor(
      async () => {
        await allUpdated(host);
        text = deepText(host);
        return ready.test(text);
      },
      { message: `${ready} in ${lang}` },
    );
    assert.ok(!OTHER_DATE_FORMATS.test(text), `a date not day first in ${lang}: ${OTHER_DATE_FORMATS.exec(text)?.[0]}`);
    return text;
  }

  it('writes a birth date jj/mm/aaaa in French and dd/mm/yyyy in English (a file, a conflict on it)', async () => {
    runtime = await openTestRuntime();
    const fiche = patientZero({ birthDate: '1985-03-04' });
    await runtime.services.fiches.save(fiche, 'medecin');
    await runtime.services.journal.markConflict('fiches', fiche['id'] as string, [{ field: 'birthDate', local: '"1986-05-06"', remote: '"1985-03-04"' }]);
    for (const lang of ['fr', 'en']) {
      const file = await shown(lang, html`<contact-covid-patient-file fiche-id=${fiche['id'] as string}></contact-covid-patient-file>`, /04\/03\/1985/);
      assert.ok(!file.includes('03/04/1985'), `month first in ${lang}`);
      const issues = await shown(lang, html`<teleservices-sync-issues></teleservices-sync-issues>`, /06\/05\/1986/);
      assert.match(issues, /04\/03\/1985/);
    }
  });

  it('writes a delegation’s validity day first in both languages', async () => {
    runtime = await openTestRuntime('medecin', { id: 'u-dates' });
    const delegation: DelegationDocument = {
      id: 'd-dates',
      delegantId: 'u-dates',
      delegantName: 'Dr Claire Martin',
      delegateId: 'u-other',
      delegateEmail: 'delegue@exemple.fr',
      delegateCivility: 'M.',
      delegateFirstName: 'Jean',
      delegateLastName: 'Remplaçant',
      profile: 'remplacant',
      cpeCardId: '',
      validFrom: '2026-03-04',
      validUntil: '2099-12-31',
      status: 'validee',
      statusSince: '2026-03-04T08:00:00.000Z',
      structures: [{ id: 's-test', name: 'Cabinet Test', number: '631994977', address: '1 rue de Paris 75012 PARIS' }],
      createdAt: '2026-03-01T08:00:00.000Z',
      updatedAt: '2026-03-01T08:00:00.000Z',
    };
    await runtime.db.delegations.upsert(delegation);
    for (const lang of ['fr', 'en']) await shown(lang, html`<delegation-dashboard></delegation-dashboard>`, /04\/03\/2026 – 31\/12\/2099/);
  });

  it('writes when a message was written dd/mm/yyyy hh:mm (Paris time) in both languages', async () => {
    runtime = await openTestRuntime('medecin', { strongAuth: true });
    const threadId = await runtime.services.ems.createThread({ patientNir: nirFor(7, '2'), patientLastName: 'Lefèvre', patientFirstName: 'Anne', subject: 'Suivi', body: 'Bonjour.' });
    for (const lang of ['fr', 'en']) {
      const text = await shown(lang, html`<ems-thread thread-id=${threadId}></ems-thread>`, /Bonjour\./);
      assert.match(text, /\b\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\b/, `the time of the message in ${lang}`);
    }
  });
});
