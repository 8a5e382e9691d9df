import { ContextProvider } from '@lit/context';
import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Locale } from '../../domain/i18n/index.ts';
import { assert } from '../testing/assert.ts';
import { fixture } from '../testing/fixture.ts';
import { LocalizedElement } from './localized-element.ts';
import { localeContext } from './locale-context.ts';
import { defineMessages, english, localeReady, pluralCategory, translator, type ComponentMessages } from './messages.ts';

@customElement('test-localized')
class TestLocalized extends LocalizedElement {
  override render() {
    return html`${this.locale}`;
  }
}

function rendered(element: Element): string {
  return element.shadowRoot!.textContent!;
}

/** A plain element providing a locale, as the provider element will. */
function provider(locale: Locale): { element: HTMLElement; provider: ContextProvider<typeof localeContext> } {
  const element = document.createElement('div');
  document.body.append(element);
  return { element, provider: new ContextProvider(element, { context: localeContext, initialValue: locale }) };
}

describe('LocalizedElement', () => {
  it('defaults to French', async () => {
    const element = await fixture<TestLocalized>(html`<test-localized></test-localized>`);
    assert.equal(element.locale, 'fr');
  });

  it('takes the nearest ancestor lang, and narrows unknown languages to French', async () => {
    const wrapper = await fixture(html`<div lang="en-GB"><p lang="de"><test-localized></test-localized></p><test-localized></test-localized></div>`);
    const [inGerman, inEnglish] = wrapper.querySelectorAll('test-localized');
    assert.equal(rendered(inGerman!), 'fr');
    assert.equal(rendered(inEnglish!), 'en');
  });

  it('re-renders when an ancestor changes its lang', async () => {
    const wrapper = await fixture(html`<div><test-localized></test-localized></div>`);
    const element = wrapper.querySelector('test-localized')!;
    wrapper.setAttribute('lang', 'en');
    await new Promise((resolve) => setTimeout(resolve));
    await element.updateComplete;
    assert.equal(rendered(element), 'en');
  });

  it('prefers a provided locale to the ancestor lang, and follows it', async () => {
    const { element: host, provider: localeProvider } = provider('en');
    try {
      host.setAttribute('lang', 'fr');
      const element = document.createElement('test-localized');
      host.append(element);
      await element.updateComplete;
      assert.equal(rendered(element), 'en');
      localeProvider.setValue('fr');
      await element.updateComplete;
      assert.equal(rendered(element), 'fr');
    } finally {
      host.remove();
    }
  });

  it('takes a locale set as a property (element.locale = "en"), and follows its ancestors again with null', async () => {
    const wrapper = await fixture(html`<div lang="fr"><test-localized></test-localized></div>`);
    const element = wrapper.querySelector('test-localized') as TestLocalized;
    element.locale = 'en';
    await element.updateComplete;
    assert.equal(rendered(element), 'en');
    assert.equal(element.getAttribute('locale'), 'en');
    element.locale = null;
    await element.updateComplete;
    assert.equal(rendered(element), 'fr');
  });

  it('takes a locale set before the element was defined (a lazily imported element)', async () => {
    const early = document.createElement('test-late-localized') as HTMLElement & { locale: string };
    early.locale = 'en';
    customElements.define(
      'test-late-localized',
      class extends LocalizedElement {
        override render() {
          return html`${this.locale}`;
        }
      },
    );
    document.body.append(early);
    try {
      await (early as unknown as TestLocalized).updateComplete;
      assert.equal(rendered(early), 'en');
      (early as unknown as TestLocalized).locale = 'fr';
      await (early as unknown as TestLocalized).updateComplete;
      assert.equal(rendered(early), 'fr');
    } finally {
      early.remove();
    }
  });

  it('prefers its own lang attribute to a provided locale', async () => {
    const { element: host } = provider('fr');
    try {
      const element = document.createElement('test-localized');
      element.setAttribute('lang', 'en');
      host.append(element);
      await element.updateComplete;
      assert.equal(rendered(element), 'en');
    } finally {
      host.remove();
    }
  });
});

describe('component messages', () => {
  const fr = { greeting: 'Bonjour {name}', 'rules.one': '{count} règle', 'rules.other': '{count} règles' };
  const messages = defineMessages(fr, () => Promise.resolve({ default: english<typeof fr>({ greeting: 'Hello {name}', 'rules.one': '{count} rule', 'rules.other': '{count} rules' }) }));

  it('fills placeholders and leaves unknown ones visible', async () => {
    assert.equal(translator(messages, 'fr')('greeting', { name: 'Dr Martin' }), 'Bonjour Dr Martin');
    await localeReady('en');
    assert.equal(translator(messages, 'en')('greeting'), 'Hello {name}');
  });

  it('puts 0 in the singular in French and in the plural in English', () => {
    assert.deepEqual([0, 1, 2].map((n) => pluralCategory('fr', n)), ['one', 'one', 'other']);
    assert.deepEqual([0, 1, 2].map((n) => pluralCategory('en', n)), ['other', 'one', 'other']);
    assert.equal(translator(messages, 'fr')(`rules.${pluralCategory('fr', 0)}`, { count: 0 }), '0 règle');
  });
});

describe('English fetched on demand', () => {
  let release: () => void = () => undefined;
  let fetches = 0;
  const fr = { hello: 'Bonjour' };
  // Defined by the first test: a catalogue defined with the file would be fetched by the English
  // renders of the tests above.
  let messages: ComponentMessages<typeof fr> | undefined;

  @customElement('test-greeting')
  class TestGreeting extends LocalizedElement {
    override render() {
      return html`${messages ? translator(messages, this.locale)('hello') : ''}`;
    }
  }

  it('is not fetched while every element speaks French; French stands in until it is there', async () => {
    messages = defineMessages(fr, () => {
      fetches += 1;
      return new Promise<{ default: { readonly hello: string } }>((resolve) => {
        release = () => resolve({ default: english<typeof fr>({ hello: 'Hello' }) });
      });
    });
    const element = await fixture<TestGreeting>(html`<test-greeting></test-greeting>`);
    assert.equal(rendered(element), 'Bonjour');
    assert.equal(fetches, 0, 'a French page fetches no English');
    assert.equal(translator(messages, 'en')('hello'), 'Bonjour', 'French until the English is loaded');
  });

  it('is fetched when the host switches to English, the element rendering English once it is there (never French in between)', async () => {
    const element = await fixture<TestGreeting>(html`<test-greeting></test-greeting>`);
    element.locale = 'en';
    const updated = element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(fetches, 1, 'fetched once');
    assert.equal(rendered(element), 'Bonjour', 'still the last French render while it loads');
    release();
    await updated;
    assert.equal(rendered(element), 'Hello');
    element.locale = 'fr';
    await element.updateComplete;
    assert.equal(rendered(element), 'Bonjour', 'and back');
    element.locale = 'en';
    await element.updateComplete;
    assert.equal(rendered(element), 'Hello');
    assert.equal(fetches, 1, 'not fetched again');
  });
});

declare global {
  interface HTMLElementTagNameMap {
    'test-localized': TestLocalized;
    'test-greeting': HTMLElement;
  }
}
