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
