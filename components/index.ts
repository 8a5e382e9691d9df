/**
 * The one barrel of the teleservices widgets. Importing it defines every custom element.
 */
export { localeContext } from './i18n/locale-context.ts';
export { LocalizedElement } from './i18n/localized-element.ts';
export { TOKEN_DEFAULTS, baseStyles, token, type TokenName } from './styles/tokens.ts';
export { PasswordChecklist } from './account/password-checklist/password-checklist.ts';
