import { html, type TemplateResult } from 'lit';
import * as domain from '../../domain/index.ts';
import { domainMessagesEn } from '../../domain/i18n/messages.en.ts';
import { domainMessagesFr } from '../../domain/i18n/messages.fr.ts';
import { contactOf, nirFor, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import * as elements from '../index.ts';
import type { TeleservicesRuntime } from '../data/teleservices-runtime.ts';
import { assert } from '../testing/assert.ts';
import { allUpdated, fixture } from '../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../testing/runtime-host.ts';
import { waitFor } from '../testing/sync-server.ts';
import { patientFormMessages } from '../contact-covid/contact-covid-patient-form/contact-covid-patient-form.messages.ts';
import { contactFormMessages } from '../contact-covid/contact-covid-contact-form/contact-covid-contact-form.messages.ts';
import { patientFileMessages } from '../contact-covid/contact-covid-patient-file/contact-covid-patient-file.messages.ts';
import { ficheFormMessages } from '../contact-covid/fiche-form/fiche-form.messages.ts';
import { patientListMessages } from '../contact-covid/contact-covid-patient-list/contact-covid-patient-list.messages.ts';
import { emailValidationMessages } from '../account/account-email-validation/account-email-validation.messages.ts';
import { accountSettingsMessages } from '../account/account-settings/account-settings.messages.ts';
import { accountCreateMessages } from '../account/account-create/account-create.messages.ts';
import { passwordResetMessages } from '../account/account-password-reset/account-password-reset.messages.ts';
import { passwordChecklistMessages } from '../account/password-checklist/password-checklist.messages.ts';
import { accountWelcomeMessages } from '../account/account-welcome/account-welcome.messages.ts';
import { signInMessages } from '../account/account-sign-in/account-sign-in.messages.ts';
import { proSanteConnectMessages } from '../account/account-sign-in/pro-sante-connect.messages.ts';
import { syncIssuesMessages } from '../shell/teleservices-sync-issues/teleservices-sync-issues.messages.ts';
import { teleservicesProviderMessages } from '../shell/teleservices-provider/teleservices-provider.messages.ts';
import { syncStatusMessages } from '../shell/teleservices-sync-status/teleservices-sync-status.messages.ts';
import { insurerContactFormMessages } from '../insurer-contact/insurer-contact-form/insurer-contact-form.messages.ts';
import { delegationInvitationMessages } from '../delegation/delegation-invitation/delegation-invitation.messages.ts';
import { delegationDashboardMessages } from '../delegation/delegation-dashboard/delegation-dashboard.messages.ts';
import { delegationCreateMessages } from '../delegation/delegation-create-form/delegation-create-form.messages.ts';
import { emsInboxMessages } from '../ems/ems-inbox/ems-inbox.messages.ts';
import { emsThreadMessages } from '../ems/ems-thread/ems-thread.messages.ts';
import { onDemandMessages } from '../forms/on-demand.messages.ts';
import { localeReady } from './messages.ts';

const CATALOGUES = [
  patientFormMessages, contactFormMessages, patientFileMessages, ficheFormMessages, patientListMessages,
  emailValidationMessages, accountSettingsMessages, accountCreateMessages, passwordResetMessages,
  passwordChecklistMessages, accountWelcomeMessages, signInMessages, syncIssuesMessages,
  teleservicesProviderMessages, syncStatusMessages, insurerContactFormMessages, delegationInvitationMessages,
  delegationDashboardMessages, delegationCreateMessages, emsInboxMessages, emsThreadMessages, onDemandMessages, proSanteConnectMessages,
];

const normalise = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');

/**
 * Every French text of the product with its English counterpart: the elements' catalogues, the
 * domain's messages, and the domain's `{fr, en}` labels (statuses, profiles, field names…).
 */
function frenchAndEnglish(): { french: string[]; english: string[] } {
  const french: string[] = [];
  const english: string[] = [];
  for (const catalogue of CATALOGUES) {
    if (!catalogue.en) throw new Error(`English not loaded for « ${Object.values(catalogue.fr)[0]} »`);
    french.push(...Object.values(catalogue.fr));
    english.push(...Object.values(catalogue.en));
  }
  french.push(...Object.values(domainMessagesFr));
  english.push(...Object.values(domainMessagesEn));
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record['fr'] === 'string' && typeof record['en'] === 'string') {
      french.push(record['fr']);
      english.push(record['en']);
      return;
    }
    for (const inner of Object.values(record)) visit(inner, depth + 1);
  };
  for (const exported of Object.values(domain)) visit(exported, 0);
  return { french: french.map(normalise), english: english.map(normalise) };
}

/**
 * The pieces of French text that cannot be English: the fixed parts of each French message
 * (around its `{placeholders}`), long enough to mean something, and found in no English text
 * (names such as « Contact COVID » or « Assurance Maladie » stay the same in English).
 */
function frenchOnlyFragments(): string[] {
  const { french, english } = frenchAndEnglish();
  const englishText = english.join('\n');
  const fragments = french
    .flatMap((message) => message.split(/\{\w+\}/))
    .map((fragment) => fragment.trim().replace(/^[\s:;,.…—–-]+|[\s:;,.…—–-]+$/g, ''))
    .filter((fragment) => (fragment.length >= 12 || /[àâçéèêëîïôûùüœ]/i.test(fragment)) && fragment.length >= 5 && /\p{L}{3}/u.test(fragment))
    .filter((fragment) => !englishText.includes(fragment));
  return [...new Set(fragments)];
}

/** All the text an element shows or speaks: its shadow DOM (nested ones included) and the labels in attributes. */
function renderedText(root: Node): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node instanceof HTMLStyleElement || node instanceof HTMLScriptElement) return;
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription']) {
        const value = node.getAttribute(name);
        if (value) parts.push(value);
      }
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return normalise(parts.join(' '));
}

// The English catalogues are fetched on demand: all of them, before the check reads them.
await localeReady('en');
const FRENCH_ONLY = frenchOnlyFragments();

function assertNoFrench(tag: string, text: string): void {
  assert.ok(text.trim().length > 20, `<${tag}> rendered no text`);
  const left = FRENCH_ONLY.filter((fragment) => text.includes(fragment));
  assert.deepEqual(left, [], `<${tag}> in English still shows French`);
}

describe('English, everywhere the host asks for it', function () {
  this.timeout(20_000);
  let runtime: TeleservicesRuntime | undefined;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });

  it('knows enough French to tell (the check is not empty)', () => {
    assert.ok(FRENCH_ONLY.length > 300, `only ${FRENCH_ONLY.length} French fragments`);
    assert.ok(FRENCH_ONLY.includes('Votre liste Contact-COVID'), 'a catalogue’s title is among them');
    assert.ok(!FRENCH_ONLY.some((fragment) => fragment === 'Contact COVID'), 'names shared by both languages are not');
  });

  /** Renders `content` inside an English provider of `services`, and waits until `ready` says so. */
  async function renderInEnglish(services: TeleservicesRuntime['services'], content: TemplateResult, ready: (text: string) => boolean, message = 'the English view'): Promise<string> {
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang="en" .services=${services}>${content}</test-runtime-provider>`);
    let text = '';
    await waitFor(
      async () => {
        await allUpdated(host);
        text = renderedText(host);
        return ready(text);
      },
      { message },
    );
    return text;
  }

  /** The same, in a test runtime of its own for a user of `role`. */
  async function inEnglish(content: TemplateResult, ready: (text: string) => boolean, role = 'medecin', user: Record<string, unknown> = {}): Promise<string> {
    runtime = await openTestRuntime(role, user);
    return renderInEnglish(runtime.services, content, ready);
  }

  it('the Contact COVID list, file and forms', async () => {
    runtime = await openTestRuntime();
    const p0 = patientZero({ lastName: 'Lefèvre', firstName: 'Anne', status: 'p0_confirme_a_trouver' });
    await runtime.services.fiches.save(p0, 'medecin');
    await runtime.services.fiches.save(contactOf(p0['id'] as string, { lastName: 'Roux', firstName: 'Léa' }), 'medecin');
    const services = runtime.services;
    for (const [tag, content, ready] of [
      ['contact-covid-patient-list', html`<contact-covid-patient-list></contact-covid-patient-list>`, (t: string) => /LEFÈVRE Anne/.test(t)],
      ['contact-covid-patient-file', html`<contact-covid-patient-file fiche-id=${p0['id'] as string}></contact-covid-patient-file>`, (t: string) => /ROUX/i.test(t)],
      ['contact-covid-patient-form', html`<contact-covid-patient-form fiche-id=${p0['id'] as string}></contact-covid-patient-form>`, (t: string) => /Surname/i.test(t)],
      ['contact-covid-contact-form', html`<contact-covid-contact-form index-case-id=${p0['id'] as string}></contact-covid-contact-form>`, (t: string) => /Lefèvre|LEFÈVRE/.test(t)],
    ] as const) {
      assertNoFrench(tag, await renderInEnglish(services, content, ready, `<${tag}> with its data`));
    }
  });

  it('the sync issues, with a refused file and a conflict', async () => {
    runtime = await openTestRuntime();
    const refused = patientZero({ lastName: 'Lefèvre' });
    const conflicted = patientZero({ lastName: 'Martin' });
    await runtime.services.fiches.save(refused, 'medecin');
    await runtime.services.fiches.save(conflicted, 'medecin');
    await runtime.services.journal.markRefused('fiches', refused['id'] as string, { reason: 'Refused by the server.', fields: ['lastName'] });
    await runtime.services.journal.markConflict('fiches', conflicted['id'] as string, [{ field: 'symptoms', local: '"non"', remote: '"oui"' }]);
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang="en" .services=${runtime.services}><teleservices-sync-issues></teleservices-sync-issues><teleservices-sync-status></teleservices-sync-status></test-runtime-provider>`);
    let text = '';
    await waitFor(
      async () => {
        await allUpdated(host);
        text = renderedText(host);
        return /LEFÈVRE/.test(text) && /MARTIN/.test(text);
      },
      { message: 'both issues' },
    );
    assertNoFrench('teleservices-sync-issues', text);
  });

  it('the delegations: dashboard and creation form', async () => {
    const text = await inEnglish(
      html`<delegation-dashboard></delegation-dashboard><delegation-create-form></delegation-create-form>`,
      (t) => /Delegation/i.test(t),
      'medecin',
      { strongAuth: true },
    );
    assertNoFrench('delegation-dashboard', text);
  });

  it('the secure exchanges: inbox and a thread written offline', async () => {
    const text = await inEnglish(html`<ems-inbox></ems-inbox>`, (t) => /exchange/i.test(t), 'medecin', { strongAuth: true });
    assertNoFrench('ems-inbox', text);
    const threadId = await runtime!.services.ems.createThread({
      patientNir: nirFor(42, '2'),
      patientLastName: 'Lefèvre',
      patientFirstName: 'Anne',
      subject: 'Arrêt de travail',
      body: 'Bonjour.',
    });
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang="en" .services=${runtime!.services}><ems-thread thread-id=${threadId}></ems-thread></test-runtime-provider>`);
    let thread = '';
    await waitFor(
      async () => {
        await allUpdated(host);
        thread = renderedText(host);
        return /Bonjour\./.test(thread);
      },
      { message: 'the thread' },
    );
    assertNoFrench('ems-thread', thread);
  });

  it('the insurer contact form and “My account” (offline: the account says why it cannot load)', async () => {
    const text = await inEnglish(
      html`<insurer-contact-form></insurer-contact-form><account-settings></account-settings>`,
      (t) => /Health Insurance|insurer/i.test(t) && /account/i.test(t),
    );
    assertNoFrench('insurer-contact-form', text);
  });

  it('the account elements without a session: sign-in, creation, password reset', async () => {
    const host = await fixture(html`<div lang="en">
      <account-sign-in server="http://127.0.0.1:9"></account-sign-in>
      <account-create server="http://127.0.0.1:9"></account-create>
      <account-password-reset server="http://127.0.0.1:9"></account-password-reset>
      <password-checklist password="abc"></password-checklist>
      <account-welcome name="Dr Claire Martin" email-pending></account-welcome>
    </div>`);
    await allUpdated(host);
    assertNoFrench('account-sign-in', renderedText(host));
  });

  it('the pages of the e-mailed links, the server out of reach', async () => {
    const host = await fixture(html`<div lang="en">
      <account-email-validation server="http://127.0.0.1:9" token="abc"></account-email-validation>
      <delegation-invitation server="http://127.0.0.1:9" token="abc"></delegation-invitation>
    </div>`);
    let text = '';
    await waitFor(
      async () => {
        await allUpdated(host);
        text = renderedText(host);
        return /the link could not be checked/.test(text) && /Server unreachable/.test(text);
      },
      { message: 'both pages say the server is out of reach' },
    );
    assertNoFrench('account-email-validation', text);
  });

  it('the provider’s own sign-in, with lang on the provider', async () => {
    const provider = await fixture<elements.TeleservicesProvider>(html`<teleservices-provider lang="en" server="http://127.0.0.1:9" storage="memory"></teleservices-provider>`);
    await allUpdated(provider);
    const text = renderedText(provider);
    assert.match(text, /Sign in/i);
    assertNoFrench('teleservices-provider', text);
  });
});
