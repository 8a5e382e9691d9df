// Source check: every text the sync server answers is written in both languages.
//
// The compiler already refuses an `ApiError` without `{fr, en}` (its message is `Localized`,
// its details' `fields` and `rows` too). This check catches what the types cannot: a French
// text written anywhere else in the server's code — a confirmation's `message`, a valibot
// message, a constant — that is not the `fr` of a `{fr, en}` pair. E-mails and letters (the
// outbox) stay French on purpose: their recipients are French.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..');

/** Files whose French is for French readers only (mails, letters, seed data, migration notes). */
const FRENCH_ONLY_FILES: Readonly<Record<string, string>> = {
  'sync-server/delegations/delegation-mails.ts': 'the delegation e-mails (outbox)',
  'sync-server/ems/ems-mails.ts': 'the notice of a new EMS (outbox)',
  'sync-server/outbox/outbox.ts': 'the signature of every e-mail and letter',
  'sync-server/outbox/outbox-dispatcher.ts': 'sends the outbox',
  'sync-server/db/seed-demo.ts': 'demo data (names, structures)',
  'sync-server/db/seed-demo-fiches.ts': 'demo data (insured people, Contact COVID files)',
  'sync-server/db/seed-demo-delegations.ts': 'demo data (a director, délégués and their delegations)',
  'sync-server/db/seed-demo-group-practice.ts': 'demo data (a group practice whose doctors share one e-mail)',
  'sync-server/db/seed-demo-former-accounts.ts': 'demo data (former pharmacy and laboratory accounts)',
  'sync-server/db/migrations.ts': 'notes of the schema versions, never answered',
  'sync-server/accounts/directory.ts': 'the insurer directory’s data (addresses)',
};

/** Functions that build an outbox message's text (called from a `queueMessage(…)`). */
const MAIL_BUILDERS: Readonly<Record<string, readonly string[]>> = {
  'sync-server/insurer-contact/insurer-contact.ts': ['senderLines', 'mailBody', 'officeMail'],
  'sync-server/accounts/account-migration.ts': ['migrationNotice'],
};

const FRENCH = /[àâçéèêëîïôûùœ«»]|\b(?:vous|votre|vos|est|sont|une|aucun|aucune|doit|pas)\b/i;
const FRENCH_LETTERS = /[àâçéèêëîïôûùœ«»]/i;
/** Names kept as they are in every language (the national identity provider). */
const PROPER_NOUNS = /Pro Santé Connect/g;

interface Literal {
  readonly start: number;
  readonly end: number;
  /** The literal's static text (a template's parts joined by `…`). */
  readonly text: string;
}

/**
 * The string and template literals of a TypeScript source, outside comments and regular
 * expressions, with their positions (a template's `${…}` code is scanned for literals too).
 */
export function literalsOf(source: string): Literal[] {
  const literals: Literal[] = [];
  let i = 0;
  let lastSignificant = '';
  const regexCanStart = () => lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(lastSignificant) || /\b(?:return|typeof|case|in|of|void|throw)$/.test(lastSignificant);

  const scanCode = (stopAtBrace: boolean): void => {
    let depth = 0;
    while (i < source.length) {
      const char = source[i]!;
      const next = source[i + 1];
      if (char === '/' && next === '/') {
        i = source.indexOf('\n', i);
        if (i < 0) i = source.length;
      } else if (char === '/' && next === '*') {
        i = source.indexOf('*/', i + 2) + 2;
        if (i < 2) i = source.length;
      } else if (char === "'" || char === '"') {
        const start = i;
        i += 1;
        let text = '';
        while (i < source.length && source[i] !== char) {
          if (source[i] === '\\') {
            text += source.slice(i, i + 2);
            i += 2;
          } else text += source[i++];
        }
        i += 1;
        literals.push({ start, end: i, text });
        lastSignificant = 'literal';
      } else if (char === '`') {
        scanTemplate();
        lastSignificant = 'literal';
      } else if (char === '/' && regexCanStart()) {
        i += 1;
        let inClass = false;
        while (i < source.length && (source[i] !== '/' || inClass)) {
          if (source[i] === '\\') i += 1;
          else if (source[i] === '[') inClass = true;
          else if (source[i] === ']') inClass = false;
          i += 1;
        }
        i += 1;
        while (/[a-z]/i.test(source[i] ?? '')) i += 1;
        lastSignificant = 'regex';
      } else {
        if (stopAtBrace && char === '{') depth += 1;
        if (stopAtBrace && char === '}') {
          if (depth === 0) return;
          depth -= 1;
        }
        if (!/\s/.test(char)) {
          const word = /^[A-Za-z_$][\w$]*/.exec(source.slice(i, i + 40))?.[0];
          lastSignificant = word ?? char;
          if (word) {
            i += word.length;
            continue;
          }
        }
        i += 1;
      }
    }
  };

  const scanTemplate = (): void => {
    const start = i;
    i += 1;
    const parts: string[] = [];
    let part = '';
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        part += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        parts.push(part);
        part = '';
        i += 2;
        lastSignificant = '{';
        scanCode(true);
        i += 1;
      } else part += source[i++];
    }
    parts.push(part);
    i += 1;
    literals.push({ start, end: i, text: parts.join('…') });
  };

  scanCode(false);
  return literals.sort((a, b) => a.start - b.start);
}

/** The [start, end) span of the bracketed text opening at `open` (`(` or `{`), literals skipped. */
function spanFrom(source: string, open: number, literals: readonly Literal[]): [number, number] {
  const [opening, closing] = source[open] === '(' ? ['(', ')'] : ['{', '}'];
  let depth = 0;
  for (let i = open; i < source.length; i += 1) {
    const literal = literals.find((l) => l.start === i);
    if (literal) {
      i = literal.end - 1;
      continue;
    }
    if (source[i] === opening) depth += 1;
    if (source[i] === closing && (depth -= 1) === 0) return [open, i + 1];
  }
  return [open, source.length];
}

/** The `{` of the object literal enclosing `index`, literals skipped (-1 at top level). */
function enclosingBrace(source: string, index: number, literals: readonly Literal[]): number {
  let depth = 0;
  for (let i = index - 1; i >= 0; i -= 1) {
    const literal = literals.find((l) => l.end === i + 1);
    if (literal) {
      i = literal.start;
      continue;
    }
    if (source[i] === '}') depth += 1;
    if (source[i] === '{' && (depth -= 1) < 0) return i;
  }
  return -1;
}

/**
 * Where a file's text goes to the outbox: `queueMessage(…)` calls, outbox messages written as
 * objects (`{ channel: 'email' | 'post', recipient, subject, body }`) and the mail builders.
 */
function mailSpans(file: string, source: string, literals: readonly Literal[]): [number, number][] {
  const inLiteral = (index: number) => literals.some((l) => index >= l.start && index < l.end);
  const spans: [number, number][] = [];
  for (const match of source.matchAll(/\bqueueMessage\s*\(/g)) {
    if (!inLiteral(match.index)) spans.push(spanFrom(source, match.index + match[0].length - 1, literals));
  }
  for (const match of source.matchAll(/\bchannel\s*:\s*'(?:email|post)'/g)) {
    const open = inLiteral(match.index) ? -1 : enclosingBrace(source, match.index, literals);
    if (open >= 0) spans.push(spanFrom(source, open, literals));
  }
  for (const name of MAIL_BUILDERS[file] ?? []) {
    const match = new RegExp(`function ${name}\\b[^{]*\\{`).exec(source);
    assert.ok(match, `${file}: the mail builder ${name}() is gone — update MAIL_BUILDERS`);
    spans.push(spanFrom(source, match.index + match[0].length - 1, literals));
  }
  return spans;
}

function serverSources(): string[] {
  return readdirSync(join(ROOT, 'sync-server'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((file) => !file.startsWith('sync-server/testing/') && !file.startsWith('sync-server/dist/'))
    .sort();
}

/** The French texts of a source that are not the `fr` of a `{fr, en}` pair, and the pairs whose English is missing or French. */
export function untranslated(file: string, source: string): string[] {
  const literals = literalsOf(source);
  const mails = mailSpans(file, source, literals);
  const problems: string[] = [];
  const where = (literal: Literal) => `${file}:${source.slice(0, literal.start).split('\n').length}`;
  for (const literal of literals) {
    if (!FRENCH.test(literal.text.replace(PROPER_NOUNS, ''))) continue;
    if (mails.some(([start, end]) => literal.start >= start && literal.end <= end)) continue;
    if (/\ben\s*:\s*$/.test(source.slice(0, literal.start))) continue; // checked with its pair
    // A text inside the `${…}` of a pair's French template belongs to that French text.
    if (literals.some((outer) => outer.start < literal.start && outer.end > literal.end && /\bfr\s*:\s*$/.test(source.slice(0, outer.start)))) continue;
    if (!/\bfr\s*:\s*$/.test(source.slice(0, literal.start))) {
      problems.push(`${where(literal)} French only: ${literal.text.slice(0, 90)}`);
      continue;
    }
    const english = literals.find((l) => l.start >= literal.end && /^\s*,\s*en\s*:\s*$/.test(source.slice(literal.end, l.start)));
    if (!english) problems.push(`${where(literal)} no \`en\` next to: ${literal.text.slice(0, 90)}`);
    else if (FRENCH_LETTERS.test(english.text.replace(/\$\{[^}]*\}/g, '').replace(PROPER_NOUNS, ''))) problems.push(`${where(english)} the \`en\` text looks French: ${english.text.slice(0, 90)}`);
  }
  return problems;
}

describe('the sync server’s answers in both languages (source check)', () => {
  it('finds literals, skipping comments and regular expressions', () => {
    const source = [
      "// 'commentaire à ignorer'",
      "const a = /['’]é/u.test(x) ? 'là' : `b ${f('c', `d ${'é'}`)} e`;",
      "/* 'aussi ignoré' */ const b = { fr: 'Délégation introuvable.', en: 'Delegation not found.' };",
    ].join('\n');
    assert.deepEqual(literalsOf(source).map((l) => l.text), ['là', 'b … e', 'c', 'd …', 'é', 'Délégation introuvable.', 'Delegation not found.']);
  });

  it('flags a French text outside a pair, a pair without English, and English that is French', () => {
    assert.deepEqual(untranslated('x.ts', "throw new ApiError(404, 'Délégation introuvable.');").length, 1);
    assert.deepEqual(untranslated('x.ts', "const m = { fr: 'Délégation introuvable.' };").length, 1);
    assert.deepEqual(untranslated('x.ts', "const m = { fr: 'Délégation introuvable.', en: 'Délégation introuvable.' };").length, 1);
    assert.deepEqual(untranslated('x.ts', "const m = { fr: `La fiche ${id} est validée.`, en: `File ${id} is validated.` };"), []);
    assert.deepEqual(untranslated('x.ts', "const m = { fr: `Elle ${a ? 'a commencé' : 'est finie'}.`, en: `It ${a ? 'started' : 'ended'}.` };"), []);
    assert.deepEqual(untranslated('x.ts', "queueMessage(db, { subject: 'Votre délégation', body: `Bonjour ${n},` }, now);"), []);
    assert.deepEqual(untranslated('x.ts', "const mail = { channel: 'email', recipient: to, subject: 'Votre délégation', body: `Bonjour ${n},` };"), []);
    assert.deepEqual(untranslated('x.ts', "const note = { kind: 'email', subject: 'Votre délégation' };"), ['x.ts:1 French only: Votre délégation']);
  });

  it('has no French-only text in the server’s code, outside the outbox’s mails and letters', () => {
    const problems = serverSources()
      .filter((file) => !(file in FRENCH_ONLY_FILES))
      .flatMap((file) => untranslated(file, readFileSync(join(ROOT, file), 'utf8')));
    assert.deepEqual(problems, [], `write these as { fr: '…', en: '…' } (an ApiError's message, a field's or row's message, a confirmation):\n${problems.join('\n')}`);
  });
});
