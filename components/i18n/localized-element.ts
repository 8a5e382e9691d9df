import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { toLocale, type Locale } from '../../domain/i18n/index.ts';
import { localeContext } from './locale-context.ts';
import { localeReady } from './messages.ts';

/** Elements connected now, re-rendered when a `lang` attribute changes anywhere in the document. */
const connectedElements = new Set<LocalizedElement>();
let langObserver: MutationObserver | undefined;

function observeDocumentLang(): void {
  if (langObserver) return;
  langObserver = new MutationObserver(() => {
    for (const element of connectedElements) element.requestUpdate();
  });
  langObserver.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
}

/** The `lang` of the nearest ancestor that has one, crossing shadow roots up to the document. */
function inheritedLang(element: Element): string | null {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return null;
}

/**
 * Base of every element that shows text. Its `locale` is, in order: its own `locale` or `lang`
 * attribute (`<teleservices-provider locale="en">` sets it for every element inside), the locale a provider hands down through `localeContext`, the nearest ancestor's `lang`
 * (`<html lang="en">` included), then French. The native `lang` property is left alone so
 * assistive technologies keep reading it.
 *
 * @attr {'fr' | 'en'} locale - The language of this element (and, on `<teleservices-provider>`, of every element inside); French by default.
 * @attr {string} lang - Taken when `locale` is not set, from the element or its nearest ancestor (`<html lang="en">`).
 */
export class LocalizedElement extends LitElement {
  @consume({ context: localeContext, subscribe: true })
  @state()
  private providedLocale?: Locale;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'locale'];
  }

  /**
   * The locale the element renders in now. Setting it sets the `locale` attribute
   * (`provider.locale = 'en'`); `null` removes it, and the element follows its ancestors again.
   */
  get locale(): Locale {
    const own = this.getAttribute('locale') ?? this.getAttribute('lang');
    if (own) return toLocale(own);
    return this.providedLocale ?? toLocale(inheritedLang(this));
  }

  set locale(value: Locale | string | null) {
    if (value === null || value === '') this.removeAttribute('locale');
    else this.setAttribute('locale', toLocale(value));
  }

  override connectedCallback(): void {
    // `el.locale = 'en'` set before the element was defined (a lazily imported element) left an
    // own property over the accessor: take it through the accessor.
    if (Object.prototype.hasOwnProperty.call(this, 'locale')) {
      const early = (this as { locale?: string | null }).locale ?? null;
      delete (this as { locale?: unknown }).locale;
      this.locale = early;
    }
    super.connectedCallback();
    connectedElements.add(this);
    observeDocumentLang();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connectedElements.delete(this);
  }

  /**
   * In English, the first render (and the first after a switch) waits until the English of every
   * catalogue the page imported has been fetched (`localeReady`): no French shows in between, and
   * `updateComplete` resolves on the English. French renders at once.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = localeReady(this.locale);
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' || name === 'locale') this.requestUpdate();
  }
}
