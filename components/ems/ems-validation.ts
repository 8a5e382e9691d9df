import * as v from 'valibot';
import { EmsInsurerThreadSchema, EmsMessageSchema, EmsThreadSchema, type EmsSide } from '../../domain/ems/ems.ts';
import { firstIssueByField } from '../../domain/validation/fields.ts';

/**
 * The exchanges' checks against the shared schemas, the issues by field. `<ems-inbox>` and
 * `<ems-thread>` load this module with `import()` at their first send: valibot and the schemas stay
 * out of the page's first load.
 */
export function checkEmsThread(input: Record<string, string>, side: EmsSide, lang: string): { readonly output?: v.InferOutput<typeof EmsThreadSchema> & { readonly practitionerRpps?: string }; readonly errors: Record<string, string> } {
  const parsed = side === 'insurer' ? v.safeParse(EmsInsurerThreadSchema, input, { lang }) : v.safeParse(EmsThreadSchema, input, { lang });
  return parsed.success ? { output: parsed.output, errors: {} } : { errors: firstIssueByField(parsed.issues) };
}

export function checkEmsMessage(input: { readonly id: string; readonly threadId: string; readonly body: string }, lang: string): { readonly body?: string; readonly errors: Record<string, string> } {
  const parsed = v.safeParse(EmsMessageSchema, input, { lang });
  return parsed.success ? { body: parsed.output.body, errors: {} } : { errors: { body: parsed.issues[0].message, ...firstIssueByField(parsed.issues) } };
}
