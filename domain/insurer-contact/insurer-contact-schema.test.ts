import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { firstIssueByField } from '../validation/fields.ts';
import { findSensitiveData, InsurerContactSchema, insurerContactSubjectLabel, sensitiveDataMessage, visibleLength } from './insurer-contact-schema.ts';

const valid = { scheme: 'general', office: '941', subject: 'informations_administratives', message: 'Bonjour, quand recevrai-je les imprimés commandés ?' };
const errors = (input: unknown, lang?: string) => {
  const parsed = v.safeParse(InsurerContactSchema, input, lang ? { lang } : undefined);
  return parsed.success ? {} : firstIssueByField(parsed.issues);
};

describe('InsurerContactSchema', () => {
  it('accepts a general question and trims the message', () => {
    assert.deepEqual(v.parse(InsurerContactSchema, { ...valid, office: ' 941 ', message: '  Bonjour  \n' }), { ...valid, message: 'Bonjour' });
  });

  it('names each missing or unknown field, in French or English', () => {
    assert.deepEqual(errors({ scheme: 'x', office: '999', subject: '', message: '   ' }), {
      scheme: 'Sélectionnez le régime de l’organisme destinataire.',
      office: 'Sélectionnez l’organisme destinataire.',
      subject: 'Choisissez l’objet de votre message.',
      message: 'Saisissez votre message.',
    });
    assert.equal(errors({ ...valid, subject: undefined }, 'en')['subject'], 'Choose the subject of your message.');
    assert.deepEqual(Object.keys(errors({})).sort(), ['message', 'office', 'scheme', 'subject']);
  });

  it('counts characters as the user sees them: 2000 pass, 2001 do not', () => {
    assert.deepEqual(errors({ ...valid, message: 'a'.repeat(2000) }), {});
    assert.equal(errors({ ...valid, message: 'a'.repeat(2001) })['message'], 'Votre message ne peut pas dépasser 2000 caractères ; il en compte 2001.');
    // An emoji is two UTF-16 units, an « é » typed as e + accent too: one character each.
    assert.equal(visibleLength('👍e\u0301'), 2);
    assert.deepEqual(errors({ ...valid, message: '👍'.repeat(2000) }), {});
    assert.deepEqual(errors({ ...valid, message: 'e\u0301'.repeat(2000) }), {});
    assert.ok(errors({ ...valid, message: 'a'.repeat(20_000) })['message']);
  });

  it('labels the subjects in both languages', () => {
    assert.equal(insurerContactSubjectLabel('informations_administratives'), 'Informations administratives');
    assert.equal(insurerContactSubjectLabel('paiements_remboursements', 'en'), 'Payments and reimbursements');
  });
});

describe('findSensitiveData', () => {
  it('flags a NIR with a valid key, with or without spaces, Corsica included', () => {
    assert.deepEqual(findSensitiveData('Mon patient 1 85 01 75 112 345 62 attend.'), [{ kind: 'nir', excerpt: '1 85 01 75 112 345 62' }]);
    assert.deepEqual(findSensitiveData('NIR : 185017511234562.'), [{ kind: 'nir', excerpt: '185017511234562' }]);
    assert.deepEqual(findSensitiveData('né en Corse, 1 85 01 2a 112 345 22'), [{ kind: 'nir', excerpt: '1 85 01 2a 112 345 22' }]);
    assert.deepEqual(findSensitiveData('1.85.01.75.112.345.62 puis 2 69 04 99 350 150 41 12 rue de la Paix'), [
      { kind: 'nir', excerpt: '1.85.01.75.112.345.62' },
      { kind: 'nir', excerpt: '2 69 04 99 350 150 41' },
    ]);
  });

  it('leaves alone phone numbers, wrong keys, and 15 digits glued to others', () => {
    assert.deepEqual(findSensitiveData('Rappelez-moi au 01 43 43 43 43 ou au 06 12 34 56 78, facture 2026 0042.'), []);
    assert.deepEqual(findSensitiveData('1 85 01 75 112 345 63'), [], 'wrong key');
    assert.deepEqual(findSensitiveData('18501751123456201'), [], 'part of a longer number');
    assert.deepEqual(findSensitiveData('Mon numéro AM 631994977 et mon FINESS 403700396.'), []);
  });

  it('flags a date of birth, after « né le », « date de naissance » or a name in capitals', () => {
    assert.deepEqual(findSensitiveData('Mme Durand, née le 12/03/1965, attend.'), [{ kind: 'birthdate', excerpt: 'née le 12/03/1965' }]);
    assert.deepEqual(findSensitiveData('Date de naissance : 1er mars 1965'), [{ kind: 'birthdate', excerpt: 'Date de naissance : 1er mars 1965' }]);
    assert.deepEqual(findSensitiveData('Patient DUPONT Jean (12.03.65), merci.'), [{ kind: 'birthdate', excerpt: 'DUPONT Jean (12.03.65)' }]);
    assert.deepEqual(findSensitiveData('DDN 02-11-1980 et né(e) le 3/4/1990'), [
      { kind: 'birthdate', excerpt: 'DDN 02-11-1980' },
      { kind: 'birthdate', excerpt: 'né(e) le 3/4/1990' },
    ]);
  });

  it('lets a general medical or administrative question through, dates and medical words included', () => {
    assert.deepEqual(findSensitiveData('Quelle est la procédure pour déclarer une ALD ?'), []);
    assert.deepEqual(findSensitiveData('Le traitement d’un diabète, une ordonnance, un test covid positif : quelles cotations ?'), []);
    assert.deepEqual(findSensitiveData('Ma facture du 12/03/2026 n’est pas payée ; je ne le 12/03 pas.'), []);
  });

  it('explains the refusal, naming what was found', () => {
    const found = findSensitiveData('1 85 01 75 112 345 62, né le 12/03/1985');
    assert.equal(
      sensitiveDataMessage(found),
      'Votre message semble contenir des données qui identifient un patient (un numéro de sécurité sociale : « 1 85 01 75 112 345 62 » ; une date de naissance : « né le 12/03/1985 ») : retirez-les avant d’envoyer. Ce formulaire sert aux questions d’ordre général ; pour un patient, utilisez les échanges médicaux sécurisés.',
    );
    assert.match(sensitiveDataMessage(found, 'en'), /^Your message seems to contain data that identifies a patient \(a social-security number: “1 85 01 75 112 345 62”; a date of birth: “né le 12\/03\/1985”\)/);
  });
});
