import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { computeNirKey } from '../identifiers/nir.ts';
import { todayInParis } from '../validation/dates.ts';
import { BoundedJson, MAX_JSON_DEPTH, nestsWithin } from '../validation/fields.ts';
import { ContactSchema, FicheSchema, PatientZeroSchema, requiredFicheFields, validateFiche } from './fiche-schema.ts';

const NIR = '255081416802538';

const patientZero = {
  id: 'p0-1',
  kind: 'patient_zero',
  status: 'p0_confirme_a_trouver',
  nir: '2 55 08 14 168 025 38',
  lastName: 'Dupont',
  birthName: 'Durand',
  firstName: 'Jeanne',
  birthDate: '1955-08-02',
  phone: '06 12 34 56 78',
  email: 'jeanne.dupont@example.fr',
  emailConsent: true,
  address: '12 rue de la Paix',
  postcode: '75002',
  commune: 'Paris',
  symptoms: 'oui',
  diagnosis: 'antigenique_positif',
  samplingDate: '2020-11-25',
  collectivityExposure: false,
  travel14Days: false,
  socialSupport: true,
  socialSupportNeeds: ['aide_a_domicile', 'hebergement'],
  socialSupportDetails: 'Logement trop petit pour s’isoler',
  homeSampling: false,
  healthcareWorker: false,
  shareIdentityWithContacts: true,
  legalNotice: true,
} as const;

const contact = {
  id: 'pc-1',
  kind: 'contact',
  status: 'pc_contact_a_trouver',
  indexCaseId: 'p0-1',
  lastName: 'Martin',
  firstName: 'Paul',
  postcode: '75',
} as const;

const fieldsOf = (result: ReturnType<typeof validateFiche>) => (result.success ? [] : result.issues.map((i) => i.field));

describe('fiche schema', () => {
  it('accepts a complete patient zéro and stores identifiers in their normal form', () => {
    const result = validateFiche(patientZero);
    assert.equal(result.success, true, JSON.stringify(result));
    if (result.success) {
      assert.equal(result.fiche.nir, NIR);
      assert.equal(result.fiche.phone, '0612345678');
    }
  });

  it('accepts a contact with only nom, prénom and département (and its patient zéro)', () => {
    assert.equal(validateFiche(contact).success, true);
    assert.deepEqual(requiredFicheFields('contact', true), ['lastName', 'firstName', 'postcode', 'indexCaseId']);
  });

  it('accepts an integrator’s document with only the issue-named fields', () => {
    const minimal = { id: 'x1', kind: 'patient_zero', status: 'brouillon', lastName: 'Petit', firstName: 'Léa' };
    assert.equal(v.safeParse(FicheSchema, minimal).success, true);
    assert.equal(v.safeParse(PatientZeroSchema, minimal).success, true);
    assert.equal(v.safeParse(ContactSchema, { ...contact }).success, true);
  });

  it('lets a draft leave out the NIR, postcode and legal notice but not the names', () => {
    const draft = { id: 'd1', kind: 'patient_zero', status: 'brouillon', lastName: 'Petit', firstName: '' };
    assert.deepEqual(fieldsOf(validateFiche(draft)), ['firstName']);
  });

  it('requires NIR, nom, prénom, postcode and the legal notice to validate a patient zéro', () => {
    const result = validateFiche({ id: 'p', kind: 'patient_zero', status: 'p0_confirme_a_trouver', lastName: 'Petit' });
    assert.deepEqual(fieldsOf(result), ['nir', 'firstName', 'postcode', 'legalNotice']);
    if (!result.success) {
      assert.equal(result.issues.find((i) => i.field === 'legalNotice')?.message, 'Cochez les mentions légales pour valider la fiche.');
    }
  });

  it('reports a bad NIR together with the missing fields, in French, naming the problem', () => {
    const result = validateFiche({ ...patientZero, nir: '2550814168025', firstName: '', postcode: '' });
    assert.equal(result.success, false);
    if (!result.success) {
      assert.deepEqual(result.issues.map((i) => i.field), ['nir', 'firstName', 'postcode']);
      assert.match(result.issues[0]!.message, /15 caractères/);
    }
  });

  it('answers in English when asked', () => {
    const result = validateFiche({ ...patientZero, legalNotice: false }, 'en');
    assert.equal(result.success, false);
    if (!result.success) assert.equal(result.issues[0]!.message, 'Tick the legal notice to validate the file.');
  });

  it('refuses closed lists’ unknown values, unknown fields and wrong types with 4xx-ready messages', () => {
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, diagnosis: 'positif' })), ['diagnosis']);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, symptoms: 'peut-être' })), ['symptoms']);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, socialSupportNeeds: ['voiture'] })), ['socialSupportNeeds.0']);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, maskDelivred: true })), ['maskDelivred']);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, legalNotice: 'yes' })), ['legalNotice']);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, kind: 'cas' })), ['kind']);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, id: 'a b' })), ['id']);
    assert.equal(validateFiche(null).success, false);
    assert.equal(validateFiche('fiche').success, false);
  });

  it('bounds the list of social support needs: each need once, never more than the list holds', () => {
    assert.equal(validateFiche({ ...patientZero, socialSupportNeeds: ['hebergement', 'aide_a_domicile'] }).success, true);
    const repeated = validateFiche({ ...patientZero, socialSupportNeeds: Array.from({ length: 10_000 }, () => 'hebergement') });
    assert.deepEqual(fieldsOf(repeated), ['socialSupportNeeds']);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, socialSupportNeeds: ['hebergement', 'hebergement'] })), ['socialSupportNeeds']);
  });

  it('tells how deep a value nests without recursing, whatever its depth', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    assert.equal(nestsWithin(deep, MAX_JSON_DEPTH), false);
    assert.equal(v.is(BoundedJson, { a: [1, { b: ['c'] }] }), true);
    assert.equal(v.is(BoundedJson, deep), false);
  });

  it('refuses a status of the other kind', () => {
    const result = validateFiche({ ...contact, status: 'p0_confirme_a_trouver' });
    assert.equal(result.success, false);
    if (!result.success) assert.match(result.issues[0]!.message, /ne s’applique pas/);
  });

  it('refuses impossible and future dates and a sampling before birth', () => {
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, birthDate: '1955-02-30' })), ['birthDate']);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, birthDate: '02/08/1955' })), ['birthDate']);
    const tomorrow = new Date(Date.parse(todayInParis() + 'T12:00:00Z') + 86_400_000).toISOString().slice(0, 10);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, samplingDate: tomorrow })), ['samplingDate']);
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, samplingDate: '1950-01-01' })), ['samplingDate']);
  });

  it('refuses social-support needs when no support was accepted', () => {
    assert.deepEqual(fieldsOf(validateFiche({ ...patientZero, socialSupport: false })), ['socialSupportNeeds']);
  });

  it('requires a contact to name its patient zéro', () => {
    assert.deepEqual(fieldsOf(validateFiche({ ...contact, indexCaseId: '' })), ['indexCaseId']);
  });

  it('accepts Corsican identities', () => {
    const body = '1850720' + '123456';
    const corsican = '18507' + '2A' + '123456';
    assert.notEqual(computeNirKey(body), computeNirKey(corsican));
    assert.equal(validateFiche({ ...patientZero, nir: corsican + computeNirKey(corsican), postcode: '20000' }).success, true);
  });

  it('accepts the server-owned fields when the server sends them back', () => {
    const stamped = { ...patientZero, declarantId: 'u-1', structureId: 's-1', createdAt: '2020-11-25T00:02:00.000Z', updatedAt: '2020-11-25T00:02:00.000Z', statusSince: '2020-11-25T00:02:00.000Z' };
    assert.equal(validateFiche(stamped).success, true);
    assert.deepEqual(fieldsOf(validateFiche({ ...stamped, updatedAt: 'hier' })), ['updatedAt']);
  });
});
