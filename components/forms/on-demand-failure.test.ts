import { html } from 'lit';
import '../account/account-create/account-create.ts';
import type { AccountCreate } from '../account/account-create/account-create.ts';
import '../contact-covid/contact-covid-patient-form/contact-covid-patient-form.ts';
import type { ContactCovidPatientForm } from '../contact-covid/contact-covid-patient-form/contact-covid-patient-form.ts';
import type { AccountCreationService, NumberLookup, StrongStart } from '../data/session/account-api.ts';
import type { TeleservicesRuntime } from '../data/teleservices-runtime.ts';
import { assert } from '../testing/assert.ts';
import { control, root, text, type } from '../testing/dom.ts';
import { fixture } from '../testing/fixture.ts';
import { blockRequests } from '../testing/network.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../testing/runtime-host.ts';
import { waitFor } from '../testing/sync-server.ts';

/**
 * A form whose check loads on demand (valibot and its schema, at the first send) while that chunk
 * cannot be fetched — offline before it was cached: the form says so, in French or English, keeps
 * what was typed, sends nothing, and sends once the chunk can be fetched again. (Each chunk is
 * blocked before its first load in this page: once loaded, a module stays.)
 */
describe('a form whose validation chunk cannot be loaded', function () {
  this.timeout(30_000);
  afterEach(() => blockRequests([]));

  describe('<contact-covid-patient-form> (the files’ validation, loaded with the first save)', () => {
    let runtime: TeleservicesRuntime;
    afterEach(() => runtime.close());

    async function render(lang: string) {
      runtime = await openTestRuntime();
      const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang=${lang} .services=${runtime.services}>
        <contact-covid-patient-form></contact-covid-patient-form>
      </test-runtime-provider>`);
      const form = host.querySelector('contact-covid-patient-form') as ContactCovidPatientForm;
      await waitFor(() => root(form).querySelector('form'), { message: 'the form' });
      return form;
    }

    const saveDraft = (form: ContactCovidPatientForm) => (root(form).querySelector('button[name="draft"]') as HTMLButtonElement).click();

    it('says so in the error summary, keeps the typed values, saves nothing — and saves once the chunk loads', async () => {
      const form = await render('fr');
      await blockRequests(['*/domain/fiche/fiche-schema.ts*']);
      type(form, 'lastName', 'Dupont');
      type(form, 'firstName', 'Jeanne');
      saveDraft(form);
      const summary = await waitFor(() => root(form).querySelector<HTMLElement>('.error-summary'), { message: 'the error summary', timeoutMs: 15_000 });
      assert.match(summary.textContent ?? '', /La fiche n’a pas été enregistrée/);
      assert.match(summary.textContent ?? '', /une partie de la page n’a pas pu être chargée.*votre saisie est conservée/);
      assert.equal(summary.getAttribute('role'), 'alert');
      await waitFor(() => root(form).activeElement === summary, { message: 'the summary has the focus' });
      assert.equal(control(form, 'lastName').value, 'Dupont', 'what was typed is kept');
      assert.equal(control(form, 'firstName').value, 'Jeanne');
      assert.deepEqual(await runtime.services.fiches.search({}), [], 'nothing saved');

      await blockRequests([]);
      saveDraft(form);
      await waitFor(async () => (await runtime.services.fiches.search({})).length === 1, { message: 'the draft saved at the next try', timeoutMs: 15_000 });
      await waitFor(() => !root(form).querySelector('.error-summary'), { message: 'the message gone' });
      const [saved] = await runtime.services.fiches.search({});
      assert.equal(saved!.lastName, 'Dupont');
    });
  });

  describe('<account-create> (the account schemas, loaded with the first send)', () => {
    const lookup: NumberLookup = {
      structure: { name: 'Cabinet Lambert', kind: 'cabinet', number: '940123409', postcode: '94000', commune: 'Créteil' },
      accountKind: 'liberal',
      paths: ['security_key', 'post'],
    };

    it('says so in English next to the form, keeps the NIR typed, sends nothing — and sends once the chunk loads', async () => {
      const keys: unknown[] = [];
      const api = {
        lookup: () => Promise.resolve(lookup),
        startWithSecurityKey: (key: unknown) => {
          keys.push(key);
          return new Promise<StrongStart>(() => undefined);
        },
      } as unknown as AccountCreationService;
      const el = await fixture<AccountCreate>(html`<account-create lang="en" .api=${api} strong-auth="none"></account-create>`);
      type(el, 'number', lookup.structure.number);
      (root(el).querySelector('form') as HTMLFormElement).requestSubmit();
      await waitFor(() => control(el, 'nir'), { message: 'the security-key form' });

      await blockRequests(['*/account-create-validation.ts*']);
      type(el, 'nir', '286059402812325');
      type(el, 'ibanFirst', '12');
      type(el, 'ibanSecond', '34');
      const keyForm = () => control(el, 'nir').closest('form') as HTMLFormElement;
      keyForm().requestSubmit();
      const alert = await waitFor(() => root(el).querySelector<HTMLElement>('[role="alert"]'), { message: 'the message', timeoutMs: 15_000 });
      assert.match(alert.textContent ?? '', /The form could not be checked: part of the page could not be loaded.*what you typed is kept/);
      assert.equal(control(el, 'nir').value, '286059402812325', 'what was typed is kept');
      assert.deepEqual(keys, [], 'nothing sent');
      assert.match(text(el), /With your security key/, 'still on the same step');

      await blockRequests([]);
      keyForm().requestSubmit();
      await waitFor(() => keys.length === 1, { message: 'the key sent at the next try', timeoutMs: 15_000 });
      assert.deepEqual(keys[0], { number: '940123409', nir: '286059402812325', ibanLast4: '1234' });
    });
  });
});
