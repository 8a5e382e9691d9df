import { DelegationCreateSchema } from '../../../domain/delegation/delegation.ts';
import { checkSchema } from '../../forms/schema-check.ts';

/**
 * The request checked against the shared schema, its issues by field. The form loads this module
 * at its first « VALIDER » (`OnDemand`): the schema stays out of the page's first load.
 */
export const checkDelegationCreate = (input: unknown, lang: string) => checkSchema(DelegationCreateSchema, input, lang);
