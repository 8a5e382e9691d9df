/**
 * A person known to the insurer's directory of insured people (répertoire des assurés): what
 * prefills a file's identity, read-only (SPEC §3: « NIR, nom, prénom et date de naissance si
 * disponible »). Looked up by full NIR on the server (`GET /api/fiches/insured?nir=`).
 */
export interface InsuredPerson {
  readonly nir: string;
  readonly lastName: string;
  readonly birthName: string;
  readonly firstName: string;
  readonly birthDate: string;
}

/** The fields of a file that a directory prefill sets (and locks). */
export function insuredIdentity(person: InsuredPerson): Record<'nir' | 'lastName' | 'birthName' | 'firstName' | 'birthDate', string> {
  return { nir: person.nir, lastName: person.lastName, birthName: person.birthName, firstName: person.firstName, birthDate: person.birthDate };
}

/**
 * Whether a file's identity is exactly the directory's: what the server checks before it stores
 * `identityFromDirectory: true` (a client may not claim it).
 */
export function matchesInsuredIdentity(person: InsuredPerson, fiche: Readonly<Record<string, unknown>>): boolean {
  const value = (field: string) => (typeof fiche[field] === 'string' ? (fiche[field] as string) : '');
  return Object.entries(insuredIdentity(person)).every(([field, expected]) => value(field) === expected);
}
