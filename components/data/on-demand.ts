/**
 * A chunk the page fetches with `import()` when it first needs it (a form's schema at its first
 * send, the files' validation at the first save) could not be loaded: offline before it was
 * cached, or the server no longer has it. The forms tell it apart from a refusal, say so in
 * their error summary and keep what was typed.
 */
export class ModuleUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`A module loaded on demand could not be fetched: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ModuleUnavailableError';
  }
}

/**
 * A module loaded with its first `get()`, once. A failed load is not kept: the next `get()`
 * (the next send) tries again, and rejects with `ModuleUnavailableError` while it cannot.
 */
export class OnDemand<Module> {
  #loading: Promise<Module> | undefined;

  constructor(private readonly load: () => Promise<Module>) {}

  get(): Promise<Module> {
    this.#loading ??= this.load().catch((cause: unknown) => {
      this.#loading = undefined;
      throw new ModuleUnavailableError(cause);
    });
    return this.#loading;
  }
}
