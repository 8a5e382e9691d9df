/**
 * The local offices (caisses) of the French health insurance's régime général, named as the
 * insurer's portal names them: one CPAM per metropolitan department except Nord (4),
 * Pas-de-Calais, Pyrénées-Atlantiques and Seine-Maritime (2 each); a CGSS in Guadeloupe,
 * Martinique, Guyane and La Réunion; the CSS in Mayotte.
 *
 * `code` is the 3-digit caisse code (department + office number, 201/202 in Corsica).
 * Within a department the office of the prefecture comes first: it is the default office.
 */
import { departmentOfPostcode } from '../identifiers/department.ts';

type Labels = { readonly fr: string; readonly en: string };

export interface InsurerOffice {
  /** 3-digit caisse code, e.g. '941'. */
  readonly code: string;
  /** The office's name, e.g. 'CPAM du Val-de-Marne'. */
  readonly name: string;
  /** Department code: '01'–'95', '2A', '2B', '971'–'976'. */
  readonly department: string;
  /** `code - name`, e.g. '941 - CPAM du Val-de-Marne'. */
  readonly label: string;
}

function office(code: string, name: string, department: string): InsurerOffice {
  return Object.freeze({ code, name, department, label: `${code} - ${name}` });
}

export const INSURER_OFFICES: readonly InsurerOffice[] = Object.freeze([
  office('011', "CPAM de l'Ain", '01'),
  office('021', "CPAM de l'Aisne", '02'),
  office('031', "CPAM de l'Allier", '03'),
  office('041', 'CPAM des Alpes-de-Haute-Provence', '04'),
  office('051', 'CPAM des Hautes-Alpes', '05'),
  office('061', 'CPAM des Alpes-Maritimes', '06'),
  office('071', "CPAM de l'Ardèche", '07'),
  office('081', 'CPAM des Ardennes', '08'),
  office('091', "CPAM de l'Ariège", '09'),
  office('101', "CPAM de l'Aube", '10'),
  office('111', "CPAM de l'Aude", '11'),
  office('121', "CPAM de l'Aveyron", '12'),
  office('131', 'CPAM des Bouches-du-Rhône', '13'),
  office('141', 'CPAM du Calvados', '14'),
  office('151', 'CPAM du Cantal', '15'),
  office('161', 'CPAM de la Charente', '16'),
  office('171', 'CPAM de la Charente-Maritime', '17'),
  office('181', 'CPAM du Cher', '18'),
  office('191', 'CPAM de la Corrèze', '19'),
  office('201', 'CPAM de la Corse-du-Sud', '2A'),
  office('202', 'CPAM de la Haute-Corse', '2B'),
  office('211', "CPAM de la Côte-d'Or", '21'),
  office('221', "CPAM des Côtes-d'Armor", '22'),
  office('231', 'CPAM de la Creuse', '23'),
  office('241', 'CPAM de la Dordogne', '24'),
  office('251', 'CPAM du Doubs', '25'),
  office('261', 'CPAM de la Drôme', '26'),
  office('271', "CPAM de l'Eure", '27'),
  office('281', "CPAM d'Eure-et-Loir", '28'),
  office('291', 'CPAM du Finistère', '29'),
  office('301', 'CPAM du Gard', '30'),
  office('311', 'CPAM de la Haute-Garonne', '31'),
  office('321', 'CPAM du Gers', '32'),
  office('331', 'CPAM de la Gironde', '33'),
  office('341', "CPAM de l'Hérault", '34'),
  office('351', "CPAM d'Ille-et-Vilaine", '35'),
  office('361', "CPAM de l'Indre", '36'),
  office('371', "CPAM d'Indre-et-Loire", '37'),
  office('381', "CPAM de l'Isère", '38'),
  office('391', 'CPAM du Jura', '39'),
  office('401', 'CPAM des Landes', '40'),
  office('411', 'CPAM de Loir-et-Cher', '41'),
  office('421', 'CPAM de la Loire', '42'),
  office('431', 'CPAM de la Haute-Loire', '43'),
  office('441', 'CPAM de la Loire-Atlantique', '44'),
  office('451', 'CPAM du Loiret', '45'),
  office('461', 'CPAM du Lot', '46'),
  office('471', 'CPAM de Lot-et-Garonne', '47'),
  office('481', 'CPAM de la Lozère', '48'),
  office('491', 'CPAM de Maine-et-Loire', '49'),
  office('501', 'CPAM de la Manche', '50'),
  office('511', 'CPAM de la Marne', '51'),
  office('521', 'CPAM de la Haute-Marne', '52'),
  office('531', 'CPAM de la Mayenne', '53'),
  office('541', 'CPAM de Meurthe-et-Moselle', '54'),
  office('551', 'CPAM de la Meuse', '55'),
  office('561', 'CPAM du Morbihan', '56'),
  office('571', 'CPAM de la Moselle', '57'),
  office('581', 'CPAM de la Nièvre', '58'),
  office('595', 'CPAM de Lille-Douai', '59'),
  office('594', 'CPAM des Flandres', '59'),
  office('597', 'CPAM de Roubaix-Tourcoing', '59'),
  office('599', 'CPAM du Hainaut', '59'),
  office('601', "CPAM de l'Oise", '60'),
  office('611', "CPAM de l'Orne", '61'),
  office('621', "CPAM de l'Artois", '62'),
  office('623', "CPAM de la Côte d'Opale", '62'),
  office('631', 'CPAM du Puy-de-Dôme', '63'),
  office('642', 'CPAM de Pau-Pyrénées', '64'),
  office('641', 'CPAM de Bayonne', '64'),
  office('651', 'CPAM des Hautes-Pyrénées', '65'),
  office('661', 'CPAM des Pyrénées-Orientales', '66'),
  office('671', 'CPAM du Bas-Rhin', '67'),
  office('681', 'CPAM du Haut-Rhin', '68'),
  office('691', 'CPAM du Rhône', '69'),
  office('701', 'CPAM de la Haute-Saône', '70'),
  office('711', 'CPAM de Saône-et-Loire', '71'),
  office('721', 'CPAM de la Sarthe', '72'),
  office('731', 'CPAM de la Savoie', '73'),
  office('741', 'CPAM de la Haute-Savoie', '74'),
  office('751', 'CPAM de Paris', '75'),
  office('764', 'CPAM de Rouen-Elbeuf-Dieppe - Seine-Maritime', '76'),
  office('763', 'CPAM du Havre', '76'),
  office('771', 'CPAM de Seine-et-Marne', '77'),
  office('781', 'CPAM des Yvelines', '78'),
  office('791', 'CPAM des Deux-Sèvres', '79'),
  office('801', 'CPAM de la Somme', '80'),
  office('811', 'CPAM du Tarn', '81'),
  office('821', 'CPAM de Tarn-et-Garonne', '82'),
  office('831', 'CPAM du Var', '83'),
  office('841', 'CPAM de Vaucluse', '84'),
  office('851', 'CPAM de la Vendée', '85'),
  office('861', 'CPAM de la Vienne', '86'),
  office('871', 'CPAM de la Haute-Vienne', '87'),
  office('881', 'CPAM des Vosges', '88'),
  office('891', "CPAM de l'Yonne", '89'),
  office('901', 'CPAM du Territoire de Belfort', '90'),
  office('911', "CPAM de l'Essonne", '91'),
  office('921', 'CPAM des Hauts-de-Seine', '92'),
  office('931', 'CPAM de la Seine-Saint-Denis', '93'),
  office('941', 'CPAM du Val-de-Marne', '94'),
  office('951', "CPAM du Val-d'Oise", '95'),
  office('971', 'CGSS de la Guadeloupe', '971'),
  office('972', 'CGSS de la Martinique', '972'),
  office('973', 'CGSS de la Guyane', '973'),
  office('974', 'CGSS de La Réunion', '974'),
  office('976', 'CSS de Mayotte', '976'),
]);

const BY_CODE = new Map(INSURER_OFFICES.map((entry) => [entry.code, entry]));
const BY_DEPARTMENT = new Map<string, InsurerOffice[]>();
for (const entry of INSURER_OFFICES) {
  const offices = BY_DEPARTMENT.get(entry.department) ?? [];
  offices.push(entry);
  BY_DEPARTMENT.set(entry.department, offices);
}
for (const offices of BY_DEPARTMENT.values()) Object.freeze(offices);

/** The office with that 3-digit code, or undefined. */
export function insurerOfficeByCode(code: string): InsurerOffice | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

/**
 * The department of a department code ('75', '2a', '971') or a 5-digit postcode ('94000',
 * '20090' → '2A', '20200' → '2B', '97400' → '974').
 */
function toDepartment(postcodeOrDepartment: string): string {
  const value = postcodeOrDepartment.replace(/\s/g, '').toUpperCase();
  return /^\d{5}$/.test(value) ? departmentOfPostcode(value) : value;
}

/** The offices of a department (or of a postcode's department), default office first. */
export function insurerOfficesForDepartment(department: string): readonly InsurerOffice[] {
  return BY_DEPARTMENT.get(toDepartment(department)) ?? [];
}

/** The office a practice of that postcode or department is attached to by default. */
export function defaultInsurerOffice(postcodeOrDepartment: string): InsurerOffice | undefined {
  return insurerOfficesForDepartment(postcodeOrDepartment)[0];
}

export const HEALTH_INSURANCE_SCHEME_VALUES = ['general', 'agricole', 'independants', 'autres'] as const;
export type HealthInsuranceScheme = (typeof HEALTH_INSURANCE_SCHEME_VALUES)[number];

/** The schemes (régimes) a practitioner can pick when contacting the insurer. */
export const HEALTH_INSURANCE_SCHEMES: readonly { readonly value: HealthInsuranceScheme; readonly label: Labels }[] = [
  { value: 'general', label: { fr: 'Régime général', en: 'General scheme' } },
  { value: 'agricole', label: { fr: 'Mutualité sociale agricole (MSA)', en: 'Agricultural scheme (MSA)' } },
  {
    value: 'independants',
    label: {
      fr: 'Travailleurs indépendants (ex-RSI, rattachés au régime général)',
      en: 'Self-employed workers (former RSI, now within the general scheme)',
    },
  },
  {
    value: 'autres',
    label: {
      fr: 'Autres régimes (SNCF, RATP, marins, mines, etc.)',
      en: 'Other schemes (SNCF, RATP, seafarers, mines, etc.)',
    },
  },
];
