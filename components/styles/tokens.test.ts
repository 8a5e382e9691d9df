import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { assert } from '../testing/assert.ts';
import { fixture } from '../testing/fixture.ts';
import { TOKEN_DEFAULTS, baseStyles, token } from './tokens.ts';

@customElement('test-tokens')
class TestTokens extends LitElement {
  static override styles = [baseStyles];

  override render() {
    return html`<p style="color: ${token('color-primary')}">texte</p>`;
  }
}

describe('design tokens', () => {
  it('tokens.css declares exactly TOKEN_DEFAULTS', async () => {
    const source = await (await fetch(new URL('./tokens.css', import.meta.url))).text();
    const declared = Object.fromEntries([...source.matchAll(/--ts-([\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2]!.trim()]));
    assert.deepEqual(declared, { ...TOKEN_DEFAULTS });
  });

  it('falls back to the defaults, and follows a value set by the host page', async () => {
    const wrapper = await fixture(html`<div><test-tokens></test-tokens></div>`);
    const paragraph = wrapper.querySelector('test-tokens')!.shadowRoot!.querySelector('p')!;
    assert.equal(getComputedStyle(paragraph).color, 'rgb(12, 65, 154)');
    wrapper.style.setProperty('--ts-color-primary', 'rgb(1, 2, 3)');
    assert.equal(getComputedStyle(paragraph).color, 'rgb(1, 2, 3)');
  });
});

declare global {
  interface HTMLElementTagNameMap {
    'test-tokens': TestTokens;
  }
}
