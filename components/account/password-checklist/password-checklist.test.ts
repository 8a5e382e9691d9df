import { html } from 'lit';
import { assert } from '../../testing/assert.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { fixture } from '../../testing/fixture.ts';
import './password-checklist.ts';
import type { PasswordChecklist } from './password-checklist.ts';

interface RuleView {
  id: string | null;
  label: string;
  state: string;
  icon: 'passed' | 'pending';
}

function rulesOf(checklist: PasswordChecklist): RuleView[] {
  return [...checklist.shadowRoot!.querySelectorAll('li')].map((item) => ({
    id: item.dataset['rule'] ?? null,
    label: item.querySelector('.label')!.textContent!,
    state: item.querySelector('.state')!.textContent!,
    icon: item.querySelector('.icon circle[fill="currentColor"]') ? 'passed' : 'pending',
  }));
}

function statusOf(checklist: PasswordChecklist): HTMLElement {
  return checklist.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
}

async function typeInto(checklist: PasswordChecklist, password: string): Promise<void> {
  checklist.password = password;
  await checklist.updateComplete;
}

describe('<password-checklist>', () => {
  it('passes the accessibility checks', async () => {
    const checklist = await fixture<PasswordChecklist>(html`<password-checklist></password-checklist>`);
    assertAccessible(checklist);
    await typeInto(checklist, 'Medecin#2026');
    assertAccessible(checklist);
  });

  it('names the list and announces only the count, politely', async () => {
    const checklist = await fixture<PasswordChecklist>(html`<password-checklist></password-checklist>`);
    const list = checklist.shadowRoot!.querySelector('ul')!;
    const title = checklist.shadowRoot!.getElementById(list.getAttribute('aria-labelledby')!)!;
    assert.equal(title.textContent, 'Votre mot de passe doit contenir\u00a0:');
    const status = statusOf(checklist);
    assert.equal(status.getAttribute('aria-live'), 'polite');
    assert.equal(status.getAttribute('aria-atomic'), 'true');
    assert.ok(!status.contains(list), 'the list must stay out of the live region');
    assert.ok(list.getAttribute('part')?.split(' ').includes('list'), 'the list exposes part="list"');
  });

  it('lists the five rules in French, none met, for an empty password', async () => {
    const checklist = await fixture<PasswordChecklist>(html`<password-checklist></password-checklist>`);
    assert.equal(checklist.password, '');
    assert.deepEqual(rulesOf(checklist), [
      { id: 'minLength', label: 'Au moins 8 caractères', state: 'non respectée', icon: 'pending' },
      { id: 'upper', label: 'Au moins une lettre majuscule', state: 'non respectée', icon: 'pending' },
      { id: 'lower', label: 'Au moins une lettre minuscule', state: 'non respectée', icon: 'pending' },
      { id: 'digit', label: 'Au moins un chiffre', state: 'non respectée', icon: 'pending' },
      { id: 'special', label: 'Au moins un caractère spécial (ex. # ! ? @ %)', state: 'non respectée', icon: 'pending' },
    ]);
    assert.equal(statusOf(checklist).textContent!.trim(), '0 règle sur 5 respectée');
    assert.equal(checklist.shadowRoot!.querySelector('[part="base"]')!.getAttribute('lang'), 'fr');
  });

  it('marks every rule met for "Medecin#2026"', async () => {
    const checklist = await fixture<PasswordChecklist>(html`<password-checklist .password=${'Medecin#2026'}></password-checklist>`);
    assert.deepEqual(
      rulesOf(checklist).map(({ state, icon }) => [state, icon]),
      Array.from({ length: 5 }, () => ['respectée', 'passed']),
    );
    assert.equal(statusOf(checklist).textContent!.trim(), '5 règles sur 5 respectées');
  });

  it('marks only the lower-case rule met for "abc"', async () => {
    const checklist = await fixture<PasswordChecklist>(html`<password-checklist></password-checklist>`);
    await typeInto(checklist, 'abc');
    assert.deepEqual(
      rulesOf(checklist).filter((rule) => rule.state === 'respectée').map((rule) => rule.id),
      ['lower'],
    );
    assert.deepEqual(
      rulesOf(checklist).filter((rule) => rule.icon === 'passed').map((rule) => rule.id),
      ['lower'],
    );
  });

  it('updates the status text as the password changes', async () => {
    const checklist = await fixture<PasswordChecklist>(html`<password-checklist></password-checklist>`);
    const status = statusOf(checklist);
    const seen: string[] = [];
    for (const password of ['m', 'Me', 'Medecin', 'Medecin#', 'Medecin#2026', '']) {
      await typeInto(checklist, password);
      seen.push(statusOf(checklist).textContent!.trim());
    }
    assert.deepEqual(seen, [
      '1 règle sur 5 respectée',
      '2 règles sur 5 respectées',
      '2 règles sur 5 respectées',
      '4 règles sur 5 respectées',
      '5 règles sur 5 respectées',
      '0 règle sur 5 respectée',
    ]);
    assert.equal(statusOf(checklist), status, 'the live region is updated in place, not replaced');
  });

  it('speaks English under an ancestor with lang="en"', async () => {
    const wrapper = await fixture(html`<div lang="en"><password-checklist .password=${'abc'}></password-checklist></div>`);
    const checklist = wrapper.querySelector('password-checklist')!;
    assert.deepEqual(
      rulesOf(checklist).map(({ label, state }) => [label, state]),
      [
        ['At least 8 characters', 'not met'],
        ['At least one upper-case letter', 'not met'],
        ['At least one lower-case letter', 'met'],
        ['At least one digit', 'not met'],
        ['At least one special character (e.g. # ! ? @ %)', 'not met'],
      ],
    );
    assert.equal(statusOf(checklist).textContent!.trim(), '1 of 5 rules met');
    assert.equal(checklist.shadowRoot!.querySelector('.title')!.textContent, 'Your password must contain:');
  });

  it('follows a change of the lang attribute', async () => {
    const checklist = await fixture<PasswordChecklist>(html`<password-checklist></password-checklist>`);
    checklist.setAttribute('lang', 'en');
    await checklist.updateComplete;
    assert.equal(statusOf(checklist).textContent!.trim(), '0 of 5 rules met');
    checklist.removeAttribute('lang');
    await checklist.updateComplete;
    assert.equal(statusOf(checklist).textContent!.trim(), '0 règle sur 5 respectée');
  });
});
