import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { InsurerContactSchema } from '../insurer-contact/insurer-contact-schema.ts';
import { contactOfficeByCode, contactOfficesForScheme, defaultContactOffice, officeHoursText, officeServesScheme } from './contact-offices.ts';
import { INSURER_OFFICES } from './insurer-offices.ts';

describe('contact offices', () => {
  it('lists the CPAM for the régime général and the self-employed, the MSA caisses for the MSA, the national funds for the others', () => {
    assert.equal(contactOfficesForScheme('general').length, INSURER_OFFICES.length);
    assert.deepEqual(contactOfficesForScheme('independants').map((o) => o.code), contactOfficesForScheme('general').map((o) => o.code));
    const msa = contactOfficesForScheme('agricole');
    assert.ok(msa.length > 0 && msa.every((o) => o.name.startsWith('MSA')), 'MSA lists no CPAM');
    assert.ok(contactOfficesForScheme('autres').some((o) => o.name.startsWith('CPRP SNCF')));
    assert.ok(!officeServesScheme('751', 'agricole'));
    assert.ok(officeServesScheme('m01', 'agricole'));
  });

  it('gives each office of the demo its own address, phone and hours', () => {
    const details = ['941', '931', 'M01', 'N01'].map((code) => contactOfficeByCode(code)!.details);
    assert.equal(new Set(details.map((d) => d.phone)).size, details.length, 'distinct phones');
    assert.equal(new Set(details.map((d) => d.address)).size, details.length, 'distinct addresses');
    assert.ok(details.every((d) => d.address !== '' && d.hours !== ''));
    assert.match(contactOfficeByCode('941')!.details.address, /Créteil/);
  });

  it('defaults to the scheme’s office of the user’s department', () => {
    assert.equal(defaultContactOffice('agricole', '75012')?.name, 'MSA Île-de-France');
    assert.equal(defaultContactOffice('general', '94')?.code, '941');
    assert.equal(defaultContactOffice('autres', '75'), undefined, 'national funds: the user picks');
  });

  it('writes the hours in both languages', () => {
    assert.equal(officeHoursText('8:30-12:00,13:30-17:00'), 'Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00');
    assert.equal(officeHoursText('8:30-17:30', 'en'), 'Monday to Friday, 08:30–17:30');
  });

  it('refuses, next to the office, an office of another scheme', () => {
    const result = v.safeParse(InsurerContactSchema, { scheme: 'agricole', office: '751', subject: 'autre', message: 'Bonjour' });
    assert.equal(result.success, false);
    assert.deepEqual(result.issues?.map((i) => [v.getDotPath(i), i.message]), [['office', 'Cet organisme ne relève pas du régime choisi : sélectionnez un organisme de ce régime.']]);
    assert.ok(v.safeParse(InsurerContactSchema, { scheme: 'agricole', office: 'M01', subject: 'autre', message: 'Bonjour' }).success);
  });
});
