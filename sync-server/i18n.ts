import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { localize, negotiateLocale, toLocale, type Locale, type Localized } from '../domain/i18n/index.ts';
import { fieldIssues } from '../domain/validation/fields.ts';

/**
 * The server's answers in the client's language. Every text a client may show is written once
 * as `{fr, en}` (an `ApiError`'s message, `fields`, `rows`, a confirmation's `message`); the
 * answer renders it in the locale the request's `Accept-Language` prefers — French by default,
 * English when the header prefers `en` — and says `Vary: Accept-Language`. E-mails and letters
 * (the outbox) stay French: their recipients are French.
 */

/** The locale of a request's answers (`Accept-Language`; French by default). */
export function requestLocale(c: Context): Locale {
  return negotiateLocale(c.req.header('accept-language'));
}

/** Says that the answer depends on `Accept-Language` (for caches); call it once per answer. */
export function varyOnLanguage(c: Context): void {
  c.header('Vary', 'Accept-Language', { append: true });
}

/** Answers JSON whose `Localized` texts are rendered in the request's language. */
export function localizedJson(c: Context, body: object, status?: ContentfulStatusCode): Response {
  varyOnLanguage(c);
  return c.json(localize(body, requestLocale(c)) as Record<string, unknown>, status);
}

/** A valibot message written in both languages, rendered in the language the parse runs in. */
export const issueText = (text: Localized) => (issue: v.BaseIssue<unknown>) => text[toLocale(issue.lang)];

/** One problem of a refused input: the field's dotted path and its message in both languages. */
export interface LocalizedFieldIssue {
  readonly field: string;
  readonly message: Localized;
}

export type LocalizedParse<S extends v.GenericSchema> =
  | { readonly success: true; readonly output: v.InferOutput<S> }
  | {
      readonly success: false;
      /** Every problem, in schema order. */
      readonly issues: LocalizedFieldIssue[];
      /** The first problem's message. */
      readonly message: Localized;
      /** The first problem as valibot gives it (type, path), in French. */
      readonly first: v.BaseIssue<unknown>;
    };

/**
 * Parses an input with a shared schema (whose messages follow valibot's `lang`, as the domain's
 * do); a refused input is parsed again in English — the same schema on the same input gives the
 * same issues in the same order — so each message comes in both languages.
 */
export function safeParseLocalized<const S extends v.GenericSchema>(schema: S, input: unknown): LocalizedParse<S> {
  const fr = v.safeParse(schema, input, { lang: 'fr' });
  if (fr.success) return { success: true, output: fr.output };
  const en = v.safeParse(schema, input, { lang: 'en' });
  const issues = pairIssues(fieldIssues(fr.issues), en.success ? [] : fieldIssues(en.issues));
  return { success: false, issues, message: issues[0]!.message, first: fr.issues[0] };
}

/** The first message for each top-level field: what a form shows next to each control. */
export function firstMessageByField(issues: readonly LocalizedFieldIssue[]): Record<string, Localized> {
  const byField: Record<string, Localized> = {};
  for (const { field, message } of issues) byField[field.split('.')[0] ?? ''] ??= message;
  return byField;
}

/** Pairs field issues computed once per language (same input, same order) into bilingual ones. */
export function pairIssues(fr: readonly { field: string; message: string }[], en: readonly { field: string; message: string }[]): LocalizedFieldIssue[] {
  return fr.map((issue, index) => ({ field: issue.field, message: { fr: issue.message, en: en[index]?.field === issue.field ? en[index]!.message : issue.message } }));
}
