/**
 * The one barrel of the teleservices widgets. Importing it defines every custom element.
 */
export { localeContext } from './i18n/locale-context.ts';
export { LocalizedElement } from './i18n/localized-element.ts';
export { TOKEN_DEFAULTS, baseStyles, token, type TokenName } from './styles/tokens.ts';
export { PasswordChecklist } from './account/password-checklist/password-checklist.ts';
export { TeleservicesProvider } from './shell/teleservices-provider/teleservices-provider.ts';
export { SessionStartedEvent, SessionEndedEvent, SyncStatusChangedEvent } from './shell/teleservices-provider/teleservices-provider.events.ts';
export { TeleservicesSyncStatus } from './shell/teleservices-sync-status/teleservices-sync-status.ts';
export { teleservicesContext, type TeleservicesServices } from './data/teleservices-context.ts';
export type { SyncStatus } from './data/sync/sync-status.ts';
export { TeleservicesSyncIssues } from './shell/teleservices-sync-issues/teleservices-sync-issues.ts';
export { ContactCovidPatientForm, type PatientPrefill } from './contact-covid/contact-covid-patient-form/contact-covid-patient-form.ts';
export { PatientSavedEvent, PatientEditCancelledEvent, PatientDuplicateFoundEvent } from './contact-covid/contact-covid-patient-form/contact-covid-patient-form.events.ts';
export { ContactCovidPatientList } from './contact-covid/contact-covid-patient-list/contact-covid-patient-list.ts';
export { PatientCreateRequestEvent, PatientOpenRequestEvent } from './contact-covid/contact-covid-patient-list/contact-covid-patient-list.events.ts';
export { ContactCovidContactForm, type ContactFormMode } from './contact-covid/contact-covid-contact-form/contact-covid-contact-form.ts';
export { ContactSavedEvent, ContactEditCancelledEvent } from './contact-covid/contact-covid-contact-form/contact-covid-contact-form.events.ts';
export { ContactCovidPatientFile } from './contact-covid/contact-covid-patient-file/contact-covid-patient-file.ts';
export { PatientEditRequestEvent, ContactCreateRequestEvent, PatientListRequestEvent } from './contact-covid/contact-covid-patient-file/contact-covid-patient-file.events.ts';
export { paperContactFormHtml, printPaperContactForm } from './contact-covid/contact-covid-patient-file/paper-contact-form.ts';
export { AccountSignIn } from './account/account-sign-in/account-sign-in.ts';
export { AccountSignedInEvent, PasswordResetRequestEvent, AccountCreateRequestEvent } from './account/account-sign-in/account-sign-in.events.ts';
export { AccountPasswordReset } from './account/account-password-reset/account-password-reset.ts';
export { AccountCreate } from './account/account-create/account-create.ts';
export { AccountCreatedEvent, AccountRequestedByPostEvent } from './account/account-create/account-create.events.ts';
export { AccountWelcome } from './account/account-welcome/account-welcome.ts';
export { AccountEmailValidation } from './account/account-email-validation/account-email-validation.ts';
export { AccountSettings } from './account/account-settings/account-settings.ts';
export { AccountApi, AccountCreationApi, type AccountService, type AccountCreationService, type AccountProfile, type AccountEvent } from './data/session/account-api.ts';
export { AccountEmailChangeRequestedEvent, AccountPasswordChangedEvent, AccountPreferencesSavedEvent } from './account/account-settings/account-settings.events.ts';
export { InsurerContactForm } from './insurer-contact/insurer-contact-form/insurer-contact-form.ts';
export { InsurerContactSentEvent, InsurerContactCancelledEvent } from './insurer-contact/insurer-contact-form/insurer-contact-form.events.ts';
export { InsurerContactApi, type InsurerContactService } from './insurer-contact/insurer-contact-api.ts';
export { DelegationApi, DelegationInvitationApi, type DelegationService, type DelegationInvitationService, type InvitationView } from './data/delegations/delegation-api.ts';
export { DelegationRepository } from './data/delegations/delegation-repository.ts';
