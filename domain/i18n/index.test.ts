import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { domainMessage, inEveryLocale, isLocalized, localize, negotiateLocale } from './index.ts';

describe('negotiateLocale (Accept-Language)', () => {
  it('is French without a header, for `*`, or when the header names neither French nor English', () => {
    for (const header of [undefined, null, '', '*', 'de-DE', 'es, it;q=0.8', 'en;q=0']) assert.equal(negotiateLocale(header), 'fr', String(header));
  });

  it('is English when the header prefers English, a regional variant included', () => {
    for (const header of ['en', 'EN', 'en-GB', 'en-US,en;q=0.9,fr;q=0.8', 'de-DE, en;q=0.5', 'fr;q=0.4, en;q=0.7', 'en , fr']) assert.equal(negotiateLocale(header), 'en', header);
  });

  it('is French when the header prefers French', () => {
    for (const header of ['fr', 'fr-FR,fr;q=0.9,en;q=0.8', 'fr-CA', 'en;q=0.5, fr', 'fr, en']) assert.equal(negotiateLocale(header), 'fr', header);
  });
});

describe('Localized texts', () => {
  it('renders a domain message in both languages at once', () => {
    assert.deepEqual(
      inEveryLocale((locale) => domainMessage('rpps.format', { length: 3 }, locale)),
      { fr: 'Le numéro RPPS doit compter 11 chiffres ; vous en avez saisi 3.', en: 'The RPPS number must have 11 digits; you entered 3.' },
    );
  });

  it('knows a `{fr, en}` text from other objects', () => {
    assert.equal(isLocalized({ fr: 'Oui', en: 'Yes' }), true);
    for (const other of [{ fr: 'Oui' }, { fr: 'Oui', en: 'Yes', de: 'Ja' }, { fr: 1, en: 'Yes' }, ['fr', 'en'], 'Oui', null]) assert.equal(isLocalized(other), false, JSON.stringify(other));
  });

  it('renders every text of an answer in one locale, at any depth, and leaves the rest alone', () => {
    const answer = {
      error: { fr: 'Certaines fiches sont invalides.', en: 'Some files are invalid.' },
      reason: 'invalid_body',
      retryAfter: 12,
      rows: [{ id: 'f-1', reason: { fr: 'Erreur.', en: 'Error.' }, fields: ['nir'], issues: [{ field: 'nir', message: { fr: 'NIR faux.', en: 'Wrong NIR.' } }] }],
      label: { fr: 'Validée', en: 'Validated', code: 'validee' },
    };
    assert.deepEqual(localize(answer, 'en'), {
      error: 'Some files are invalid.',
      reason: 'invalid_body',
      retryAfter: 12,
      rows: [{ id: 'f-1', reason: 'Error.', fields: ['nir'], issues: [{ field: 'nir', message: 'Wrong NIR.' }] }],
      label: { fr: 'Validée', en: 'Validated', code: 'validee' },
    });
    assert.equal(localize(answer, 'fr').rows[0]!.issues[0]!.message, 'NIR faux.');
  });
});
