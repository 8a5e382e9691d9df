import { EmailChangeSchema, PasswordChangeSchema } from '../../../domain/account/account-schemas.ts';
import { checkSchema } from '../../forms/schema-check.ts';

/**
 * The e-mail and password forms checked with the shared schemas. `<account-settings>` loads this
 * module at the first send of either (`OnDemand`): valibot and the schemas stay out of its first load.
 */
export const checkEmailChange = (input: unknown, lang: string) => checkSchema(EmailChangeSchema, input, lang);
export const checkPasswordChange = (input: unknown, lang: string) => checkSchema(PasswordChangeSchema, input, lang);
