import { PostalAccountSchema, SecurityKeySchema, StrongAccountSchema } from '../../../domain/account/account-schemas.ts';
import { checkSchema } from '../../forms/schema-check.ts';

/**
 * The account-creation forms checked with the shared schemas. `<account-create>` loads this
 * module at its first send (`OnDemand`): valibot and the schemas stay out of its first load.
 */
export const checkSecurityKey = (input: unknown, lang: string) => checkSchema(SecurityKeySchema, input, lang);
export const checkStrongAccount = (input: unknown, lang: string) => checkSchema(StrongAccountSchema, input, lang);
export const checkPostalAccount = (input: unknown, lang: string) => checkSchema(PostalAccountSchema, input, lang);
