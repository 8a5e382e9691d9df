/**
 * The shared domain of teleservices: identifiers, password policy, Contact COVID schemas and
 * status machine. Imported by the widgets and by the sync server; imports neither lit nor rxdb.
 */
export * from './i18n/index.ts';
export * from './roles.ts';
export * from './identifiers/validation-result.ts';
export * from './identifiers/luhn.ts';
export * from './identifiers/department.ts';
export * from './identifiers/nir.ts';
export * from './identifiers/practitioner-numbers.ts';
export * from './identifiers/contact-details.ts';
export * from './account/password-policy.ts';
export * from './validation/dates.ts';
export * from './validation/fields.ts';
export * from './fiche/vocabulary.ts';
export * from './fiche/fiche-status.ts';
export * from './fiche/fiche-creation.ts';
export * from './fiche/fiche-schema.ts';
export * from './fiche/fiche-merge.ts';
export * from './replication/server-sent-events.ts';
export * from './replication/push-batch.ts';
export * from './account/session-user.ts';
export * from './fiche/field-labels.ts';
export * from './fiche/fiche-summary.ts';
export * from './account/account-schemas.ts';
export * from './organisations/insurer-offices.ts';
export * from './organisations/contact-offices.ts';
export * from './account/account-answers.ts';
export * from './account/professional-information.ts';
export * from './account/account-migration.ts';
export * from './delegation/delegation.ts';
export * from './insurer-contact/insurer-contact-schema.ts';
export * from './ems/ems.ts';
export * from './fiche/fiche-field-rights.ts';
export * from './fiche/insured-person.ts';
