import * as v from 'valibot';
import { domainMessage } from '../i18n/index.ts';
import { contactOfficeByCode, officeServesScheme } from '../organisations/contact-offices.ts';
import { HEALTH_INSURANCE_SCHEME_VALUES } from '../organisations/insurer-offices.ts';
import { message } from '../validation/fields.ts';
import { INSURER_CONTACT_MESSAGE_MAX, INSURER_CONTACT_SUBJECT_VALUES, visibleLength } from './insurer-contact.ts';

export * from './insurer-contact.ts';

/** The message as `<insurer-contact-form>` (at its first send) and `POST /api/insurer-contact` check it (subjects, limits and the sensitive-data check in `insurer-contact.ts`, without valibot). */
export const InsurerContactSchema = v.pipe(
  v.object({
    scheme: v.picklist(HEALTH_INSURANCE_SCHEME_VALUES, message('contact.scheme')),
    office: v.pipe(
      v.string(message('contact.office')),
      v.trim(),
      v.check((code) => contactOfficeByCode(code) !== undefined, message('contact.office')),
    ),
    subject: v.picklist(INSURER_CONTACT_SUBJECT_VALUES, message('contact.subject')),
    message: v.pipe(
      v.string(message('contact.messageEmpty')),
      // Cheap bound before counting graphemes: no legitimate message needs 8 units per character.
      v.maxLength(INSURER_CONTACT_MESSAGE_MAX * 8, (issue) => domainMessage('contact.messageTooLong', { max: INSURER_CONTACT_MESSAGE_MAX, length: visibleLength(issue.input) }, issue.lang)),
      v.trim(),
      v.minLength(1, message('contact.messageEmpty')),
      v.maxGraphemes(INSURER_CONTACT_MESSAGE_MAX, (issue) => domainMessage('contact.messageTooLong', { max: INSURER_CONTACT_MESSAGE_MAX, length: issue.received }, issue.lang)),
    ),
  }),
  // MSA lists no CPAM: the office must answer for the chosen scheme.
  v.forward(
    v.partialCheck([['scheme'], ['office']], (input) => officeServesScheme(input.office, input.scheme), message('contact.officeScheme')),
    ['office'],
  ),
);
export type InsurerContactInput = v.InferInput<typeof InsurerContactSchema>;
export type InsurerContact = v.InferOutput<typeof InsurerContactSchema>;
