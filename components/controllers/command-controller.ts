import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../../domain/i18n/index.ts';
import { ApiRequestError } from '../data/replication/api-client.ts';
import { moduleUnavailableMessage } from '../forms/on-demand-failure.ts';

export interface CommandHost extends ReactiveControllerHost {
  readonly locale: Locale;
}

export interface RunOptions {
  /** The field a refusal without `fields` belongs to (a refused card number…), when online. */
  readonly errorField?: string;
  /** Takes a refusal that is more than a message (a spent link ends the page); true when it did. */
  readonly refused?: (error: ApiRequestError) => boolean;
}

/** A form checked before it is sent: the message of each field that failed, its output when none did. */
export interface Checked<T> {
  readonly output?: T;
  readonly errors: Record<string, string>;
}

function fieldMessages(value: unknown): Record<string, string> | null {
  return value && typeof value === 'object' && Object.keys(value).length > 0 ? { ...(value as Record<string, string>) } : null;
}

/**
 * What the step-by-step forms share (`<account-create>`, `<delegation-invitation>`,
 * `<delegation-create-form>`): the step shown, the messages next to each field and the one that
 * belongs to none, and a command running (`busy`). `run` clears the messages, runs a command,
 * and turns the server's refusal into messages: its `fields` next to their controls, otherwise
 * one message (« server unreachable » in the host's language when there is no network).
 * `check` runs a form's check first, whose schema (valibot) loads on demand with the first send.
 */
export abstract class CommandController<Step, Host extends CommandHost = CommandHost> implements ReactiveController {
  /** Field → message, shown next to each control and in the summary. */
  errors: Record<string, string> = {};
  /** A message that belongs to no field (no network, a refused card or answer…). */
  error = '';
  busy = false;
  /**
   * Settles once the latest `check` has (its module loaded, its messages set): the host's
   * `getUpdateComplete` waits for it, so that a send's errors are shown when `updateComplete` resolves.
   */
  checked: Promise<unknown> = Promise.resolve();

  constructor(
    protected readonly host: Host,
    public step: Step,
    private readonly unreachable: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  protected update(): void {
    this.host.requestUpdate();
  }

  /** Shows `step`, with no message left from the previous one. */
  protected go(step: Step): void {
    this.step = step;
    this.showErrors({});
  }

  /** Messages next to their fields, none elsewhere. */
  protected showErrors(errors: Record<string, string>): void {
    this.errors = errors;
    this.error = '';
    this.update();
  }

  /**
   * The form's check, loaded on demand (`OnDemand`): its output, or null with its messages next
   * to the fields — or, when its module cannot be fetched (offline before it was cached), the
   * form's message saying so; nothing typed is lost, the next send tries again.
   */
  protected check<T>(check: () => Promise<Checked<T>>): Promise<T | null> {
    const done = this.#check(check);
    this.checked = done.catch(() => undefined);
    return done;
  }

  async #check<T>(check: () => Promise<Checked<T>>): Promise<T | null> {
    let checked: Checked<T>;
    try {
      checked = await check();
    } catch (error) {
      const unavailable = moduleUnavailableMessage(error, this.host.locale);
      if (unavailable === null) throw error;
      this.errors = {};
      this.error = unavailable;
      this.update();
      return null;
    }
    if (checked.output !== undefined && Object.keys(checked.errors).length === 0) return checked.output;
    this.showErrors(checked.errors);
    return null;
  }

  protected async run(work: () => Promise<void>, { errorField = '', refused }: RunOptions = {}): Promise<void> {
    this.busy = true;
    this.errors = {};
    this.error = '';
    this.update();
    try {
      await work();
    } catch (error) {
      this.#fail(error, errorField, refused);
    } finally {
      this.busy = false;
      this.update();
    }
  }

  #fail(error: unknown, errorField: string, refused: RunOptions['refused']): void {
    if (!(error instanceof ApiRequestError)) {
      this.error = moduleUnavailableMessage(error, this.host.locale) ?? String(error);
      return;
    }
    if (refused?.(error)) return;
    const offline = error.kind === 'offline';
    const fields = offline ? null : fieldMessages(error.body['fields']);
    if (fields) this.errors = fields;
    else if (errorField && !offline) this.errors = { [errorField]: error.message };
    else this.error = offline ? this.unreachable() : error.message;
  }
}
