import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  defaultInsurerOffice,
  HEALTH_INSURANCE_SCHEMES,
  INSURER_OFFICES,
  insurerOfficeByCode,
  insurerOfficesForDepartment,
} from './insurer-offices.ts';

const METROPOLITAN_DEPARTMENTS = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'),
  '2A',
  '2B',
];

describe('insurer offices', () => {
  it('has unique 3-digit codes and a label "code - name"', () => {
    const codes = INSURER_OFFICES.map((office) => office.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const office of INSURER_OFFICES) {
      assert.match(office.code, /^\d{3}$/);
      assert.equal(office.label, `${office.code} - ${office.name}`);
    }
  });

  it('gives every metropolitan department (01–95, 2A, 2B) at least one office, and none to 20', () => {
    assert.equal(METROPOLITAN_DEPARTMENTS.length, 96);
    for (const department of METROPOLITAN_DEPARTMENTS) {
      assert.ok(insurerOfficesForDepartment(department).length > 0, `no office for ${department}`);
    }
    assert.deepEqual(insurerOfficesForDepartment('20'), []);
  });

  it('covers the overseas CGSS and the CSS of Mayotte', () => {
    assert.equal(insurerOfficeByCode('971')?.name, 'CGSS de la Guadeloupe');
    assert.equal(insurerOfficeByCode('974')?.name, 'CGSS de La Réunion');
    assert.equal(insurerOfficeByCode('976')?.name, 'CSS de Mayotte');
  });

  it('finds an office by code', () => {
    assert.equal(insurerOfficeByCode('941')?.label, '941 - CPAM du Val-de-Marne');
    assert.equal(insurerOfficeByCode('751')?.name, 'CPAM de Paris');
    assert.equal(insurerOfficeByCode('631')?.department, '63');
  });

  it('returns undefined for an unknown code', () => {
    assert.equal(insurerOfficeByCode('000'), undefined);
    assert.equal(insurerOfficeByCode('942'), undefined);
    assert.equal(insurerOfficeByCode(''), undefined);
  });

  it('lists several offices for Nord, the default one first', () => {
    const nord = insurerOfficesForDepartment('59');
    assert.equal(nord.length, 4);
    assert.ok(nord.every((office) => office.department === '59'));
    assert.equal(defaultInsurerOffice('59')?.name, 'CPAM de Lille-Douai');
  });

  it('derives the department of a postcode, Corsica and overseas included', () => {
    assert.equal(defaultInsurerOffice('94000')?.code, '941');
    assert.equal(defaultInsurerOffice('75012')?.code, '751');
    assert.equal(defaultInsurerOffice('01000')?.department, '01');
    assert.equal(defaultInsurerOffice('20000')?.department, '2A');
    assert.equal(defaultInsurerOffice('20167')?.department, '2A');
    assert.equal(defaultInsurerOffice('20200')?.department, '2B');
    assert.equal(defaultInsurerOffice('20600')?.department, '2B');
    assert.equal(defaultInsurerOffice('97110')?.department, '971');
    assert.equal(defaultInsurerOffice('97200')?.department, '972');
    assert.equal(defaultInsurerOffice('97300')?.department, '973');
    assert.equal(defaultInsurerOffice('97400')?.department, '974');
    assert.equal(defaultInsurerOffice('97600')?.department, '976');
  });

  it('accepts department codes in any case and refuses unknown ones', () => {
    assert.equal(defaultInsurerOffice('2a')?.department, '2A');
    assert.equal(defaultInsurerOffice('2B')?.department, '2B');
    assert.equal(defaultInsurerOffice('971')?.code, '971');
    assert.equal(defaultInsurerOffice('975'), undefined);
    assert.equal(defaultInsurerOffice('98000'), undefined);
    assert.equal(defaultInsurerOffice('99'), undefined);
    assert.equal(defaultInsurerOffice(''), undefined);
  });
});

describe('health insurance schemes', () => {
  it('starts with the régime général and has unique values and both labels', () => {
    assert.deepEqual(HEALTH_INSURANCE_SCHEMES[0], { value: 'general', label: { fr: 'Régime général', en: 'General scheme' } });
    const values = HEALTH_INSURANCE_SCHEMES.map((scheme) => scheme.value);
    assert.equal(new Set(values).size, values.length);
    assert.ok(values.includes('agricole'));
    for (const scheme of HEALTH_INSURANCE_SCHEMES) {
      assert.ok(scheme.label.fr.length > 0 && scheme.label.en.length > 0);
    }
  });
});
