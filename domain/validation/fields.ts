import * as v from 'valibot';
import { domainMessage, type DomainMessageKey, type MessageParams } from '../i18n/index.ts';
import type { IdentifierValidator } from '../identifiers/validation-result.ts';
import { isCalendarDate, todayInParis } from './dates.ts';

/**
 * Building blocks for the shared valibot schemas. Messages are functions of the issue so that
 * `safeParse(schema, input, { lang: 'en' })` answers in English and the default is French.
 */
export const message =
  (key: DomainMessageKey, params: MessageParams = {}) =>
  (issue: { lang?: string | undefined }): string =>
    domainMessage(key, params, issue.lang);

/** A free text, trimmed, at most `max` characters; '' means "not given". */
export const text = (max: number) =>
  v.pipe(v.string(message('required')), v.trim(), v.maxLength(max, message('text.tooLong', { max })));

/** A person's name: letters (any script), spaces, hyphens, apostrophes. */
export const personName = () =>
  v.pipe(
    text(100),
    v.regex(/^$|^[\p{L}][\p{L}\p{M}' ’.-]*$/u, message('text.invalidName')),
  );

export const flag = () => v.boolean(message('boolean.expected'));

export const choice = <const T extends readonly string[]>(options: T) => v.picklist(options, message('choice.invalid'));

/** Several values of a closed list, each once: never longer than the list itself. */
export const choices = <const T extends readonly string[]>(options: T) =>
  v.pipe(
    v.array(choice(options), message('choice.invalid')),
    v.maxLength(options.length, message('choice.repeated')),
    v.check((values) => new Set(values).size === values.length, message('choice.repeated')),
  );

/** How deep a JSON value a request may carry: forms and documents are flat; anything deeper is refused. */
export const MAX_JSON_DEPTH = 16;

/** Whether `value` nests no deeper than `max` levels (counted without recursion: any depth is safe to check). */
export function nestsWithin(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return false;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return true;
}

/** Any JSON value nesting no deeper than `MAX_JSON_DEPTH` (what every request body is checked with first). */
export const BoundedJson = v.custom<unknown>((value) => nestsWithin(value, MAX_JSON_DEPTH), message('json.tooDeep', { max: MAX_JSON_DEPTH }));

/**
 * An identifier checked by one of the domain validators; the output is its stored form
 * (e.g. a NIR without spaces). With `allowEmpty`, '' passes as "not given".
 */
export const identifier = (validate: IdentifierValidator, { allowEmpty = true } = {}) =>
  v.pipe(
    v.string(message('required')),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      if (allowEmpty && dataset.value.trim() === '') return '';
      const result = validate(dataset.value);
      if (!result.valid) {
        addIssue({ message: (issue) => domainMessage(result.code, result.params, issue.lang) });
        return NEVER;
      }
      return result.value;
    }),
  );

/**
 * A calendar date `YYYY-MM-DD`, from 1900 on; '' means "not given". With `notInFuture`, later
 * than today (Europe/Paris) is refused.
 */
export const calendarDate = ({ notInFuture = true } = {}) =>
  v.pipe(
    v.string(message('date.invalid')),
    v.check((value) => value === '' || isCalendarDate(value), message('date.invalid')),
    v.check((value) => value === '' || value >= '1900-01-01', message('date.tooOld')),
    v.check((value) => !notInFuture || value === '' || value <= todayInParis(), message('date.inFuture')),
  );

/** An instant set by the server: ISO 8601 UTC with milliseconds, as `Date#toISOString()` writes it. */
export const instant = () =>
  v.pipe(v.string(message('datetime.invalid')), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, message('datetime.invalid')));

export interface FieldIssue {
  /** Dotted path of the field (`socialSupportNeeds.1`), '' for the document itself. */
  readonly field: string;
  readonly message: string;
}

/** Flattens valibot issues to one `{field, message}` per problem, in schema order. */
export function fieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({ field: v.getDotPath(issue) ?? '', message: issue.message }));
}

/** The first message for each field: what a form shows next to each control. */
export function firstIssueByField(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { field, message: text } of fieldIssues(issues)) {
    const top = field.split('.')[0] ?? '';
    byField[top] ??= text;
  }
  return byField;
}
