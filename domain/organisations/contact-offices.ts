/**
 * The recipients of « Contacter l'Assurance Maladie », by scheme (régime): the CPAM of the
 * régime général (also the self-employed's, attached to it since 2020), the caisses of the MSA,
 * and the national funds of the other schemes. Each office has its own contact details.
 *
 * Demo data: the addresses, phones and hours below are the ones a visitor of the demo sees; a
 * deployment replaces them with the offices' published ones. A CPAM without its own entry
 * shows the professionals' line (3608) and the usual hours.
 */
import { departmentOfPostcode } from '../identifiers/department.ts';
import { INSURER_OFFICES, type HealthInsuranceScheme, type InsurerOffice } from './insurer-offices.ts';

export interface OfficeContactDetails {
  /** Postal address, one line. */
  readonly address: string;
  /** '3608' is the professionals' national line (free service + cost of the call). */
  readonly phone: string;
  /** Opening hours Monday to Friday, as ranges: '8:30-12:00,13:30-17:00'. */
  readonly hours: string;
}

/** A recipient of the contact form: an office and the schemes it answers for. */
export interface ContactOffice extends InsurerOffice {
  readonly schemes: readonly HealthInsuranceScheme[];
  /** The departments the office serves; empty for a national fund. */
  readonly departments: readonly string[];
  readonly details: OfficeContactDetails;
}

const CPAM_HOURS = '8:30-17:30';
const CPAM_DEFAULT: OfficeContactDetails = { address: '', phone: '3608', hours: CPAM_HOURS };

/** The CPAM of the demo's practices and of the largest departments. */
const CPAM_DETAILS: Readonly<Record<string, OfficeContactDetails>> = {
  '751': { address: '21 rue Georges Auric, 75948 Paris Cedex 19', phone: '3608', hours: '8:30-17:30' },
  '941': { address: '1-9 avenue du Général de Gaulle, 94031 Créteil Cedex', phone: '01 45 17 20 00', hours: '8:30-17:00' },
  '931': { address: '195 avenue Paul Vaillant-Couturier, 93014 Bobigny Cedex', phone: '01 48 95 40 00', hours: '8:30-17:00' },
  '921': { address: '113 rue des Trois Fontanot, 92026 Nanterre Cedex', phone: '01 41 37 80 00', hours: '8:30-17:15' },
  '691': { address: '276 cours Émile Zola, 69100 Villeurbanne', phone: '04 72 82 60 00', hours: '8:00-17:00' },
  '131': { address: '8 rue Jules Moulet, 13006 Marseille', phone: '04 91 83 30 00', hours: '8:30-16:30' },
  '331': { address: 'Place de l’Europe, 33085 Bordeaux Cedex', phone: '05 56 11 60 00', hours: '8:30-17:00' },
  '401': { address: '250 rue Saint-Jean-d’Août, 40021 Mont-de-Marsan Cedex', phone: '05 58 46 42 00', hours: '8:30-16:30' },
};

function contactOffice(code: string, name: string, schemes: readonly HealthInsuranceScheme[], departments: readonly string[], details: OfficeContactDetails): ContactOffice {
  return Object.freeze({ code, name, department: departments[0] ?? '', label: `${code} - ${name}`, schemes: Object.freeze([...schemes]), departments: Object.freeze([...departments]), details: Object.freeze(details) });
}

const CPAM_OFFICES: readonly ContactOffice[] = INSURER_OFFICES.map((o) => contactOffice(o.code, o.name, ['general', 'independants'], [o.department], CPAM_DETAILS[o.code] ?? CPAM_DEFAULT));

const ILE_DE_FRANCE = ['75', '77', '78', '91', '92', '93', '94', '95'];

/** Caisses of the Mutualité sociale agricole (demo selection; codes as the MSA numbers them). */
const MSA_OFFICES: readonly ContactOffice[] = [
  contactOffice('M01', 'MSA Île-de-France', ['agricole'], ILE_DE_FRANCE, { address: 'Immeuble Le Belvédère, 35 rue Saint-Sabin, 75011 Paris', phone: '01 73 11 77 77', hours: '8:30-17:00' }),
  contactOffice('M02', 'MSA Ain-Rhône', ['agricole'], ['01', '69'], { address: '35-37 rue du Plat, 69002 Lyon', phone: '04 74 45 99 00', hours: '8:30-12:00,13:30-17:00' }),
  contactOffice('M03', 'MSA Sud Aquitaine', ['agricole'], ['40', '64'], { address: '1 place Marguerite Laborde, 64017 Pau Cedex', phone: '05 59 80 98 00', hours: '8:30-16:30' }),
  contactOffice('M04', 'MSA de la Gironde', ['agricole'], ['33'], { address: '13 rue Ferrère, 33052 Bordeaux Cedex', phone: '05 56 01 83 83', hours: '8:30-17:00' }),
  contactOffice('M05', 'MSA Provence-Azur', ['agricole'], ['06', '13', '83', '84'], { address: '152 avenue de Hambourg, 13416 Marseille Cedex 20', phone: '04 94 60 38 38', hours: '8:30-16:30' }),
  contactOffice('M06', 'MSA Nord-Pas de Calais', ['agricole'], ['59', '62'], { address: '33 rue du Quai, 59800 Lille', phone: '03 20 90 00 00', hours: '8:00-17:00' }),
  contactOffice('M07', 'MSA d’Armorique', ['agricole'], ['22', '29'], { address: '12 rue de Paris, 29293 Landerneau Cedex', phone: '02 98 85 79 79', hours: '8:30-17:00' }),
  contactOffice('M08', 'MSA Beauce Cœur de Loire', ['agricole'], ['18', '28', '45'], { address: '11 avenue des Droits de l’Homme, 45924 Orléans Cedex 9', phone: '02 38 60 55 55', hours: '8:30-16:30' }),
];

/** The national funds of the other schemes (SNCF, RATP, seafarers, mines…). */
const OTHER_SCHEME_OFFICES: readonly ContactOffice[] = [
  contactOffice('N01', 'CPRP SNCF (cheminots)', ['autres'], [], { address: '17 avenue du Général Leclerc, 13347 Marseille Cedex 20', phone: '04 95 04 04 04', hours: '8:30-17:00' }),
  contactOffice('N02', 'CCAS RATP (agents de la RATP)', ['autres'], [], { address: '30 rue Championnet, 75018 Paris', phone: '01 58 76 17 00', hours: '9:00-16:30' }),
  contactOffice('N03', 'ENIM (marins)', ['autres'], [], { address: '41 avenue du Maréchal Juin, 17026 La Rochelle Cedex', phone: '05 46 50 12 00', hours: '9:00-12:00,13:30-16:30' }),
  contactOffice('N04', 'CANSSM (mines)', ['autres'], [], { address: '77 avenue de Ségur, 75714 Paris Cedex 15', phone: '01 40 56 40 00', hours: '9:00-17:00' }),
  contactOffice('N05', 'CNMSS (militaires)', ['autres'], [], { address: '247 avenue Jacques Cartier, 83090 Toulon Cedex 9', phone: '04 94 16 36 00', hours: '8:30-17:00' }),
  contactOffice('N06', 'CAMIEG (industries électriques et gazières)', ['autres'], [], { address: '14 rue de Lorraine, 93200 Saint-Denis', phone: '09 69 32 94 35', hours: '8:30-17:30' }),
];

export const CONTACT_OFFICES: readonly ContactOffice[] = Object.freeze([...CPAM_OFFICES, ...MSA_OFFICES, ...OTHER_SCHEME_OFFICES]);
const BY_CODE = new Map(CONTACT_OFFICES.map((o) => [o.code, o]));

/** The recipient with that code (any scheme), or undefined. */
export function contactOfficeByCode(code: string): ContactOffice | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

/** The offices the form lists for a scheme: MSA lists no CPAM, the régime général no MSA. */
export function contactOfficesForScheme(scheme: string): readonly ContactOffice[] {
  return CONTACT_OFFICES.filter((o) => (o.schemes as readonly string[]).includes(scheme));
}

/** Whether that office answers for that scheme. */
export function officeServesScheme(code: string, scheme: string): boolean {
  return (contactOfficeByCode(code)?.schemes as readonly string[] | undefined)?.includes(scheme) ?? false;
}

/** The office of a scheme that serves a department (or a postcode's), if any: the form's default. */
export function defaultContactOffice(scheme: string, postcodeOrDepartment: string): ContactOffice | undefined {
  const value = postcodeOrDepartment.replace(/\s/g, '').toUpperCase();
  const department = /^\d{5}$/.test(value) ? departmentOfPostcode(value) : value;
  return contactOfficesForScheme(scheme).find((o) => o.departments.includes(department));
}

const pad = (time: string) => time.padStart(5, '0');

/** The opening hours as a sentence: « Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00 » / « Monday to Friday, 08:30–12:00 and 13:30–17:00 ». */
export function officeHoursText(hours: string, locale: 'fr' | 'en' = 'fr'): string {
  const ranges = hours.split(',').map((range) => range.split('-') as [string, string]);
  if (locale === 'en') return `Monday to Friday, ${ranges.map(([from, to]) => `${pad(from)}–${pad(to)}`).join(' and ')}`;
  return `Du lundi au vendredi ${ranges.map(([from, to]) => `de ${from.replace(':', 'h')} à ${to.replace(':', 'h')}`).join(' et ')}`;
}
