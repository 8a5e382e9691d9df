/**
 * What the local provider playing Pro Santé Connect says of the people it signs in — the health
 * directory's side of the demo: `SubjectNameID` and `SubjectRefPro` (profession, exercises, their
 * places of practice with FINESS / SIRET and role), as Pro Santé Connect's userinfo gives them.
 */

/**
 * The `codeRole` the local directory gives an establishment's director. A demo code: set the
 * server's `PSC_DIRECTOR_ROLES` to the codes the real health directory records.
 */
export const LOCAL_DIRECTOR_ROLE = 'DIR-DEMO';

/** An activity of `SubjectRefPro` (the fields Pro Santé Connect always sends, empty when unknown). */
export interface PscActivity {
  readonly codeModeExercice: string;
  readonly codeRole: string;
  readonly numeroFinessSite: string;
  readonly numeroFinessetablissementJuridique: string;
  readonly numeroSiretSite: string;
  readonly raisonSocialeSite: string;
  readonly codePostal: string;
}

/** A person as the local provider's userinfo answers: names, `SubjectRefPro`. */
export interface PscPerson {
  readonly givenName: string;
  readonly familyName: string;
  readonly codeCivilite: string;
  readonly exercices: readonly { readonly codeProfession: string; readonly activities: readonly PscActivity[] }[];
}

/** One activity of `SubjectRefPro`: the fields not given are empty, the mode salaried. */
export const activity = (fields: Partial<PscActivity>): PscActivity => ({
  codeModeExercice: 'S',
  codeRole: '',
  numeroFinessSite: '',
  numeroFinessetablissementJuridique: '',
  numeroSiretSite: '',
  raisonSocialeSite: '',
  codePostal: '',
  ...fields,
});

/**
 * The demo's people without an RPPS, by national identifier (`SubjectNameID`): M. Karim Benali,
 * director of the Centre de santé Daumesnil (FINESS 750054322, a director's card), and Mme Chloé
 * Bertin, Dr Martin's medical assistant (her CPE card's identifier, which her delegation names).
 */
export const DEMO_PSC_PEOPLE: Readonly<Record<string, PscPerson>> = {
  '3750054322/BENALI': {
    givenName: 'Karim',
    familyName: 'BENALI',
    codeCivilite: 'M',
    exercices: [{ codeProfession: '', activities: [activity({ codeRole: LOCAL_DIRECTOR_ROLE, numeroFinessSite: '750054322', raisonSocialeSite: 'CENTRE DE SANTE DAUMESNIL', codePostal: '75012' })] }],
  },
  'CPE-2026-0042': {
    givenName: 'Chloé',
    familyName: 'BERTIN',
    codeCivilite: 'MME',
    exercices: [{ codeProfession: '', activities: [activity({ raisonSocialeSite: 'CABINET MARTIN', codePostal: '75012' })] }],
  },
};

/** `SubjectRefPro` as Pro Santé Connect's userinfo gives it. */
export const subjectRefPro = (person: PscPerson) => ({ codeCivilite: person.codeCivilite, exercices: person.exercices.map((exercice) => ({ ...exercice, activities: [...exercice.activities] })) });
