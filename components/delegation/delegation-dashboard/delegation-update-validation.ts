import { DelegationUpdateSchema } from '../../../domain/delegation/delegation.ts';
import { checkSchema } from '../../forms/schema-check.ts';

/**
 * The new dates and structures checked against the shared schema, the issues by field. The
 * dashboard loads this module at its first save (`OnDemand`): the schema stays out of its first load.
 */
export const checkDelegationUpdate = (input: unknown, lang: string) => checkSchema(DelegationUpdateSchema, input, lang);
