import { html, LitElement, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { assert } from './assert.ts';
import { assertAccessible } from './accessibility.ts';
import { fixture } from './fixture.ts';

@customElement('test-shadow-content')
class TestShadowContent extends LitElement {
  @property({ attribute: false }) content: TemplateResult = html``;

  override render() {
    return this.content;
  }
}

async function problemsIn(content: TemplateResult): Promise<string> {
  const element = await fixture<TestShadowContent>(html`<test-shadow-content .content=${content}></test-shadow-content>`);
  const error = assert.throws(() => assertAccessible(element), 'expected accessibility problems');
  return (error as Error).message;
}

describe('assertAccessible', () => {
  it('accepts labelled controls and named buttons', async () => {
    const element = await fixture<TestShadowContent>(html`<test-shadow-content
      .content=${html`
        <label for="nir">NIR</label><input id="nir" aria-invalid="false" />
        <label>Nom <input name="nom" /></label>
        <span id="dep">Département</span><select aria-labelledby="dep"></select>
        <textarea aria-label="Commentaire"></textarea>
        <button><svg aria-hidden="true"></svg>Enregistrer</button>
        <button aria-label="Fermer">×</button>
      `}
    ></test-shadow-content>`);
    assertAccessible(element);
  });

  it('reports unlabelled controls, duplicate ids, bad aria-invalid, empty buttons and dangling references', async () => {
    const message = await problemsIn(html`
      <input id="a" name="nir" />
      <p id="a"></p>
      <input aria-label="Nom" aria-invalid="yes" />
      <button><span aria-hidden="true">×</span></button>
      <input aria-label="Date" aria-describedby="absent" />
    `);
    assert.ok(message.includes('5 accessibility problem(s)'), message);
    assert.ok(message.includes('<input#a name="nir"> has no accessible name'), message);
    assert.ok(message.includes('duplicate id "a"'), message);
    assert.ok(message.includes('aria-invalid="yes"'), message);
    assert.ok(message.includes('<button> has no text'), message);
    assert.ok(message.includes('aria-describedby names "absent"'), message);
  });

  it('looks into nested shadow roots', async () => {
    const message = await problemsIn(html`<test-shadow-content .content=${html`<select></select>`}></test-shadow-content>`);
    assert.ok(message.includes('test-shadow-content > test-shadow-content: <select> has no accessible name'), message);
  });
});

declare global {
  interface HTMLElementTagNameMap {
    'test-shadow-content': TestShadowContent;
  }
}
