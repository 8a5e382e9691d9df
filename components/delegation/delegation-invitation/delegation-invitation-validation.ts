import { DelegateAccountSchema } from '../../../domain/delegation/delegation.ts';
import { checkSchema } from '../../forms/schema-check.ts';

/**
 * The délégué's account form checked with the shared schema. `<delegation-invitation>` loads this
 * module at its first « Créer un compte » (`OnDemand`): valibot and the schema stay out of its first load.
 */
export const checkDelegateAccount = (input: unknown, lang: string) => checkSchema(DelegateAccountSchema, input, lang);
