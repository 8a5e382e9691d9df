import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * Loads the elements a host shows only on some paths, when first needed: a page that passes a
 * token (or opens a session kept on the device) never downloads the sign-in, account creation,
 * reset or validation. A failed load (network down while the page is old) is said, and tried
 * again only when the user asks (« Réessayer »).
 */
export class ElementLoaderController implements ReactiveController {
  /** Why an element could not be loaded, shown with « Réessayer ». */
  loadError = '';
  readonly #loading = new Set<string>();
  readonly #failed = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly loaders: Readonly<Record<string, () => Promise<unknown>>>,
    private readonly failure: (reason: string) => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether `tag` is defined; if not, loads it (once at a time) and renders the host again when it is. */
  defined(tag: string): boolean {
    if (customElements.get(tag)) return true;
    if (!this.#loading.has(tag) && !this.#failed.has(tag)) {
      this.#loading.add(tag);
      void this.loaders[tag]!().then(
        () => {
          this.loadError = '';
        },
        (error: unknown) => {
          this.#failed.add(tag);
          this.loadError = this.failure(error instanceof Error ? error.message : String(error));
        },
      ).finally(() => {
        this.#loading.delete(tag);
        this.host.requestUpdate();
      });
    }
    return false;
  }

  /** « Réessayer »: the failed elements may load again. */
  retry(): void {
    this.#failed.clear();
    this.loadError = '';
    this.host.requestUpdate();
  }

  /** The failure and its « Réessayer » button, or nothing. */
  render(retryLabel: string): TemplateResult | typeof nothing {
    if (!this.loadError) return nothing;
    return html`<p class="act-error" role="alert">${this.loadError} <button part="button" type="button" name="retry-load" @click=${() => this.retry()}>${retryLabel}</button></p>`;
  }
}
