import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';

/**
 * Keeps an element subscribed to live data (RxDB queries, the sync status) while it is
 * connected: `subscribe()` runs again whenever `deps()` changes (the services from the provider,
 * the file id…), and everything is unsubscribed when the element leaves the page. The views then
 * only assign what arrives to their state.
 */
export class SubscriptionsController implements ReactiveController {
  #subscriptions: Subscription[] = [];
  #deps: readonly unknown[] | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: () => readonly unknown[],
    private readonly subscribe: () => Subscription[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#deps !== null) this.#resubscribe(this.deps());
  }

  hostUpdate(): void {
    const deps = this.deps();
    if (this.#deps === null || deps.length !== this.#deps.length || deps.some((d, i) => d !== this.#deps![i])) this.#resubscribe(deps);
  }

  hostDisconnected(): void {
    this.#unsubscribe();
  }

  #resubscribe(deps: readonly unknown[]): void {
    this.#unsubscribe();
    this.#deps = deps;
    this.#subscriptions = this.subscribe();
  }

  #unsubscribe(): void {
    this.#subscriptions.forEach((s) => s.unsubscribe());
    this.#subscriptions = [];
  }
}
