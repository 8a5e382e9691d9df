import * as v from 'valibot';
import { firstIssueByField } from '../../domain/validation/fields.ts';
import { CommandController, type CommandHost } from './command-controller.ts';

/**
 * A `CommandController` whose `check` parses with a shared schema first, in the host's language
 * (`<account-create>`, `<delegation-invitation>`). Apart from `CommandController` so that the forms
 * that load their schema with the first submit (`<delegation-create-form>`, `<delegation-dashboard>`)
 * do not bring valibot with their first load.
 */
export abstract class SchemaCommandController<Step, Host extends CommandHost = CommandHost> extends CommandController<Step, Host> {
  /** The schema's output, or null with its first message per field shown. */
  protected check<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> | null {
    const parsed = v.safeParse(schema, input, { lang: this.host.locale });
    if (parsed.success) return parsed.output;
    this.showErrors(firstIssueByField(parsed.issues));
    return null;
  }
}
