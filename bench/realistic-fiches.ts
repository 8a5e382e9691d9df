import {
  computeNirKey,
  nameSearchKey,
  SOCIAL_SUPPORT_NEEDS,
  todayInParis,
  validateFiche,
  type Diagnosis,
} from '../domain/index.ts';

/**
 * Realistic Contact COVID files as a widget pushes them (client-owned fields only): patients
 * zéros followed by their contacts, French names, valid NIRs (key from the domain's
 * `computeNirKey`), phones, postcodes, diagnoses, social-support needs. Deterministic for a
 * given seed, and dated relative to today (Europe/Paris) so they stay valid whatever the day.
 * Runs in Node and in the browser (no Node API), so both halves of the benchmark share it.
 */
export type ClientFiche = Record<string, unknown> & { id: string; kind: 'patient_zero' | 'contact' };

/** mulberry32: a tiny deterministic PRNG. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof prng>;

const FEMALE_FIRST_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Jade', 'Louise', 'Zoé', 'Clémence', 'Élodie', 'Émilie', 'Hélène', 'Françoise',
  'Anaïs', 'Maëlle', 'Noémie', 'Océane', 'Aurélie', 'Séverine', 'Geneviève', 'Marie-Thérèse', 'Anne-Sophie', 'Joséphine',
  'Nathalie', 'Sylvie', 'Isabelle', 'Martine', 'Brigitte', 'Céline', 'Bérénice', 'Fatoumata', 'Yasmine', 'Nadia',
] as const;
const MALE_FIRST_NAMES = [
  'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Raphaël', 'Jules', 'Théo', 'Mathéo', 'Noé', 'Jérôme', 'Stéphane',
  'François', 'Benoît', 'Cédric', 'Grégoire', 'Jean-Baptiste', 'Pierre-Louis', 'Loïc', 'Gaël', 'Joël', 'Hervé', 'Rémi',
  'Philippe', 'Thierry', 'Olivier', 'Frédéric', 'Mathis', 'Enzo', 'Mamadou', 'Karim', 'Youssef', 'Timothée',
] as const;
const LAST_NAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel',
  'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine',
  'Rousseau', 'Vincent', 'Müller', 'Lefèbvre', 'Mercier', 'Blanchard', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François',
  'Legrand', 'Gauthier', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
  'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanc',
  'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martínez', 'Gérard', 'Roche',
  'Le Gall', 'Le Goff', 'De La Fontaine', 'Saint-Hilaire', 'N’Diaye', 'D’Almeida', 'Nguyen', 'Benali', 'Traoré', 'Da Silva',
] as const;

/** Real postcodes with their commune, and the department that goes in the NIR of people born there. */
const PLACES = [
  ['75012', 'Paris', '75'], ['75018', 'Paris', '75'], ['75011', 'Paris', '75'], ['75004', 'Paris', '75'], ['75020', 'Paris', '75'],
  ['69003', 'Lyon', '69'], ['69007', 'Lyon', '69'], ['13005', 'Marseille', '13'], ['13013', 'Marseille', '13'],
  ['31000', 'Toulouse', '31'], ['33000', 'Bordeaux', '33'], ['59000', 'Lille', '59'], ['59100', 'Roubaix', '59'],
  ['44000', 'Nantes', '44'], ['67000', 'Strasbourg', '67'], ['34000', 'Montpellier', '34'], ['35000', 'Rennes', '35'],
  ['06000', 'Nice', '06'], ['20000', 'Ajaccio', '2A'], ['20200', 'Bastia', '2B'], ['40000', 'Mont-de-Marsan', '40'],
  ['93200', 'Saint-Denis', '93'], ['94000', 'Créteil', '94'], ['92100', 'Boulogne-Billancourt', '92'], ['76000', 'Rouen', '76'],
  ['21000', 'Dijon', '21'], ['63000', 'Clermont-Ferrand', '63'], ['87000', 'Limoges', '87'], ['29200', 'Brest', '29'],
  ['64000', 'Pau', '64'], ['38000', 'Grenoble', '38'], ['42000', 'Saint-Étienne', '42'], ['51100', 'Reims', '51'],
  ['80000', 'Amiens', '80'], ['45000', 'Orléans', '45'], ['37000', 'Tours', '37'], ['97400', 'Saint-Denis', '97'],
  ['01000', 'Bourg-en-Bresse', '01'], ['74000', 'Annecy', '74'], ['57000', 'Metz', '57'],
] as const;
const STREETS = [
  'rue de la République', 'avenue Jean Jaurès', 'boulevard Voltaire', 'rue Victor Hugo', 'place de l’Église', 'rue du Faubourg Saint-Antoine',
  'chemin des Vignes', 'allée des Tilleuls', 'rue Pasteur', 'avenue du Général de Gaulle', 'rue des Écoles', 'impasse des Lilas',
  'quai de la Loire', 'rue Émile Zola', 'cours Mirabeau', 'rue Gambetta', 'avenue de la Libération', 'rue de Bercy',
] as const;
const ADDRESS_DETAILS = ['', '', '', 'Bât. B', 'Bâtiment C, 3e étage', 'Résidence Les Chênes, appt 42', 'Escalier 2, porte gauche', '2e étage, code 4B17'] as const;
const MAIL_DOMAINS = ['orange.fr', 'free.fr', 'gmail.com', 'laposte.net', 'sfr.fr', 'wanadoo.fr', 'outlook.fr'] as const;
const OCCUPATIONS = [
  'Enseignante en école élémentaire', 'Chauffeur-livreur', 'Aide-soignante en EHPAD', 'Étudiant en licence de droit',
  'Caissière en supermarché', 'Retraité, vit seul', 'Infirmier libéral', 'Agent d’entretien dans des bureaux', 'Boulanger',
  'Comptable en télétravail partiel', 'Serveuse dans une brasserie', 'Agent de sécurité', 'Lycéenne en terminale',
  'Conducteur de bus RATP', 'Auxiliaire de vie à domicile', 'Ouvrier du bâtiment', 'Pharmacienne d’officine', 'Sans emploi',
] as const;
const SYMPTOM_LIST = [
  'fièvre à 38,9 °C', 'toux sèche', 'perte de l’odorat et du goût', 'céphalées', 'courbatures', 'fatigue intense',
  'gêne respiratoire à l’effort', 'maux de gorge', 'diarrhée', 'frissons', 'douleurs thoraciques légères',
] as const;
const HOUSEHOLDS = [
  'Vit avec son conjoint et deux enfants scolarisés.', 'Vit seul dans un studio.', 'Vit chez ses parents, fratrie de trois.',
  'Colocation à quatre personnes.', 'Vit avec sa mère de 82 ans, dépendante.', 'Famille de cinq personnes dans un trois-pièces.',
  'Vit en couple, pas d’enfant.', 'Famille monoparentale, un enfant de 6 ans.',
] as const;
const CONTEXTS = [
  'Repas de famille le week-end dernier (12 personnes).', 'Cas groupé dans son service, trois collègues positifs.',
  'Retour de voyage en train depuis Lyon.', 'Mariage le 14 (environ 80 invités, peu de port du masque).',
  'Pas de contact à risque identifié.', 'Partage le bureau avec un collègue testé positif lundi.',
  'Activité sportive en club (handball), vestiaires partagés.', 'Garde ses petits-enfants trois jours par semaine.',
] as const;
const SOCIAL_DETAILS = [
  'Personne âgée vivant seule au 4e étage sans ascenseur : besoin de portage de courses et de médicaments pendant l’isolement.',
  'Perte de revenus (intérimaire, missions annulées) ; demande d’orientation vers l’assistante sociale de la CPAM.',
  'Deux enfants en bas âge, conjoint hospitalisé : besoin d’une solution de garde pendant l’isolement.',
  'Logement exigu partagé avec un parent à risque : souhaite une proposition d’hébergement pour s’isoler.',
  'Pas d’accès à internet ni de smartphone : besoin d’aide pour les démarches et les téléconsultations.',
  'Anxiété importante depuis l’annonce du résultat ; souhaite des informations sur le soutien psychologique.',
] as const;
const RECIPIENTS = [
  'Médecin traitant : Dr Lefèvre, 12 rue Pasteur, 75011 Paris',
  'Au patient lui-même, par SMS puis courrier',
  'Au représentant légal (mère), joignable au même numéro',
  'Médecin du travail de l’entreprise, avec l’accord du patient',
] as const;

/** Dates relative to today in Paris: `daysAgo(0)` is today. */
function dateDaysAgo(today: string, days: number): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

function uuid(random: Random): string {
  const hex = (n: number) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + random.int(0, 3)).toString(16)}${hex(3)}-${hex(12)}`;
}

const ascii = (name: string) => nameSearchKey(name) || 'x';

interface Person {
  sex: '1' | '2';
  firstName: string;
  lastName: string;
  birthDate: string;
  place: (typeof PLACES)[number];
}

function person(random: Random, today: string, lastName?: string): Person {
  const sex = random.chance(0.5) ? '2' : '1';
  const year = random.int(1936, Number(today.slice(0, 4)) - 3);
  const birthDate = `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
  return {
    sex,
    firstName: random.pick(sex === '2' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
    lastName: lastName ?? random.pick(LAST_NAMES),
    birthDate,
    place: random.pick(PLACES),
  };
}

const ageOf = (p: Person, today: string) => Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4));

/** A valid NIR for this person: sex, year and month of birth, department, commune, order (unique per `n`), key. */
function nirOf(p: Person, n: number): string {
  const department = p.place[2];
  const commune = String(1 + (Math.floor(n / 997) % 999)).padStart(3, '0');
  const order = String(1 + (n % 997)).padStart(3, '0');
  const body = `${p.sex}${p.birthDate.slice(2, 4)}${p.birthDate.slice(5, 7)}${department}${commune}${order}`;
  return body + computeNirKey(body);
}

const mobile = (random: Random) => `0${random.pick(['6', '7'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
const landline = (random: Random) => `0${random.int(1, 5)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;

function address(random: Random): string {
  const detail = random.pick(ADDRESS_DETAILS);
  return `${random.int(1, 180)}${random.chance(0.1) ? ' bis' : ''} ${random.pick(STREETS)}${detail ? `, ${detail}` : ''}`;
}

function situation(random: Random, symptomatic: boolean, age: number): string {
  const symptoms = Array.from(new Set(Array.from({ length: random.int(2, 4) }, () => random.pick(SYMPTOM_LIST))));
  const parts = [
    age < 11 ? 'Enfant scolarisé, gardé à la maison depuis le résultat.' : age < 18 ? 'Collégien ou lycéen.' : `${random.pick(OCCUPATIONS)}.`,
    symptomatic ? `Symptômes depuis ${random.int(1, 6)} jours : ${symptoms.join(', ')}.` : 'Aucun symptôme à ce jour.',
    random.pick(HOUSEHOLDS),
    random.pick(CONTEXTS),
  ];
  if (random.chance(0.4)) parts.push(`Traitement habituel : ${random.pick(['aucun', 'antihypertenseur', 'insuline', 'Ventoline à la demande', 'anticoagulant'])}.`);
  return parts.join(' ');
}

function socialSupport(random: Random, probability: number) {
  if (!random.chance(probability)) return { socialSupport: false, socialSupportNeeds: [] as string[], socialSupportDetails: '' };
  const needs = Array.from(new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(SOCIAL_SUPPORT_NEEDS))));
  return { socialSupport: true, socialSupportNeeds: needs, socialSupportDetails: random.pick(SOCIAL_DETAILS) };
}

function patientZero(random: Random, today: string, n: number): ClientFiche {
  const p = person(random, today);
  const draft = random.chance(0.04);
  const diagnosis: Diagnosis = random.pick(['rt_pcr_positif', 'rt_pcr_positif', 'antigenique_positif', 'antigenique_positif', 'probable']);
  const samplingDate = dateDaysAgo(today, random.int(0, 6));
  const symptomatic = random.chance(0.75);
  return {
    id: uuid(random),
    kind: 'patient_zero',
    status: draft ? 'brouillon' : 'p0_confirme_a_trouver',
    nir: nirOf(p, n),
    lastName: p.lastName,
    birthName: p.sex === '2' && random.chance(0.3) ? random.pick(LAST_NAMES) : '',
    firstName: p.firstName,
    birthDate: p.birthDate,
    phone: random.chance(0.85) ? mobile(random) : landline(random),
    email: random.chance(0.7) ? `${ascii(p.firstName)}.${ascii(p.lastName)}${random.int(1, 99)}@${random.pick(MAIL_DOMAINS)}` : '',
    emailConsent: random.chance(0.6),
    address: address(random),
    postcode: p.place[0],
    commune: p.place[1],
    // Typed in: an identity marked as read from the insurer's directory must match it there (the server checks), and these people are made up.
    identityFromDirectory: false,
    patientSituation: situation(random, symptomatic, ageOf(p, today)),
    symptoms: symptomatic ? 'oui' : 'non',
    diagnosis,
    samplingDate,
    collectivityExposure: random.chance(0.3),
    travel14Days: random.chance(0.1),
    ...socialSupport(random, 0.2),
    homeSampling: random.chance(0.05),
    healthcareWorker: random.chance(0.08),
    shareIdentityWithContacts: random.chance(0.7),
    legalNotice: !draft || random.chance(0.5),
  };
}

function contactOf(random: Random, today: string, index: ClientFiche, n: number): ClientFiche {
  const household = random.chance(0.45);
  const p = person(random, today, household && random.chance(0.7) ? String(index['lastName']) : undefined);
  const reachable = random.chance(0.8);
  const diagnosis: Diagnosis | '' = random.pick(['', '', 'en_attente', 'en_attente', 'rt_pcr_negatif'] as const);
  const symptoms = random.pick(['non', 'non', 'oui', 'ne_sait_pas'] as const);
  const place = household ? PLACES.find((x) => x[0] === index['postcode']) ?? p.place : p.place;
  return {
    id: uuid(random),
    kind: 'contact',
    status: reachable ? 'pc_a_contacter' : 'pc_contact_a_trouver',
    indexCaseId: index.id,
    nir: random.chance(0.75) ? nirOf(p, n) : '',
    lastName: p.lastName,
    firstName: p.firstName,
    birthDate: random.chance(0.8) ? p.birthDate : '',
    phone: reachable ? mobile(random) : '',
    email: reachable && random.chance(0.5) ? `${ascii(p.firstName)}.${ascii(p.lastName)}@${random.pick(MAIL_DOMAINS)}` : '',
    address: household ? String(index['address']) : random.chance(0.6) ? address(random) : '',
    postcode: random.chance(0.85) ? place[0] : place[2] === '97' ? '974' : place[2],
    commune: place[1],
    patientSituation: situation(random, symptoms === 'oui', ageOf(p, today)),
    symptoms,
    diagnosis,
    samplingDate: diagnosis === '' ? '' : dateDaysAgo(today, random.int(0, 3)),
    collectivityExposure: random.chance(0.2),
    travel14Days: random.chance(0.05),
    ...socialSupport(random, 0.1),
    healthcareWorker: random.chance(0.05),
    shareIdentityWithContacts: random.chance(0.5),
    sameHousehold: household,
    lastContactDate: dateDaysAgo(today, random.int(0, 9)),
    wantsResults: random.chance(0.6),
    resultsRecipient: random.chance(0.4) ? random.pick(RECIPIENTS) : '',
    maskDelivered: random.chance(0.3),
  };
}

/**
 * `count` files in push order: each patient zéro is followed by its 0–5 contacts (so a contact
 * never arrives before its patient zéro). About 30 % patients zéros.
 */
export function buildRealisticFiches(count: number, seed = 2026): ClientFiche[] {
  const random = prng(seed);
  const today = todayInParis();
  const fiches: ClientFiche[] = [];
  while (fiches.length < count) {
    const index = patientZero(random, today, fiches.length);
    fiches.push(index);
    const contacts = index['status'] === 'brouillon' ? 0 : random.pick([0, 1, 1, 2, 2, 2, 3, 3, 4, 5]);
    for (let i = 0; i < contacts && fiches.length < count; i += 1) fiches.push(contactOf(random, today, index, fiches.length));
  }
  return fiches;
}

export interface FicheSetSummary {
  readonly count: number;
  readonly patientsZero: number;
  readonly contacts: number;
  readonly drafts: number;
  readonly withSocialSupport: number;
  readonly meanBytes: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly invalid: readonly { id: string; issues: unknown }[];
}

/** Checks every file with the domain's `validateFiche` and measures their JSON size (UTF-8). */
export function summarize(fiches: readonly ClientFiche[]): FicheSetSummary {
  const encoder = new TextEncoder();
  const sizes = fiches.map((f) => encoder.encode(JSON.stringify(f)).length);
  const invalid: { id: string; issues: unknown }[] = [];
  for (const fiche of fiches) {
    const result = validateFiche(fiche);
    if (!result.success) invalid.push({ id: fiche.id, issues: result.issues });
  }
  return {
    count: fiches.length,
    patientsZero: fiches.filter((f) => f.kind === 'patient_zero').length,
    contacts: fiches.filter((f) => f.kind === 'contact').length,
    drafts: fiches.filter((f) => f['status'] === 'brouillon').length,
    withSocialSupport: fiches.filter((f) => f['socialSupport'] === true).length,
    meanBytes: sizes.reduce((a, b) => a + b, 0) / sizes.length,
    minBytes: Math.min(...sizes),
    maxBytes: Math.max(...sizes),
    invalid,
  };
}
