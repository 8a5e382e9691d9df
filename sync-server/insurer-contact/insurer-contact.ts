import { randomInt } from 'node:crypto';
import {
  inEveryLocale,
  HEALTH_INSURANCE_SCHEMES,
  InsurerContactSchema,
  findSensitiveData,
  insurerContactSubjectLabel,
  contactOfficeByCode,
  sensitiveDataMessage,
  type InsurerContact,
  type InsurerContactInput,
  type InsurerContactReceipt,
  type SessionUser,
} from '../../domain/index.ts';
import { parseOr422 } from '../http/request-body.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import type { OutgoingMessage } from '../outbox/outbox.ts';
import type { InsurerContactStorage } from './insurer-contact-storage.ts';

/** Letters and digits that cannot be mistaken for one another when read out on the phone. */
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A request number the user can quote, e.g. `AM-7K3F9Q2D` (32⁸ possibilities). */
export function newContactReference(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `AM-${code}`;
}

/**
 * The office's mailbox. A placeholder: the real addresses of the offices' contact services are
 * not public; a deployment would map each code to its own.
 */
export function insurerOfficeMailbox(code: string): string {
  return `contact-${code.toLowerCase()}@${/^M/.test(code) ? 'msa' : /^N/.test(code) ? 'regimes' : 'cpam'}.example`;
}

function senderLines(user: SessionUser): string[] {
  const structures = user.structures.map((s) => {
    const numbers = [s.amNumber ? `N° AM ${s.amNumber}` : '', s.finess ? `FINESS ${s.finess}` : ''].filter(Boolean).join(', ');
    return `  - ${s.name}${numbers ? ` (${numbers})` : ''}`;
  });
  return [
    `Expéditeur : ${[user.civility, user.firstName, user.lastName].filter(Boolean).join(' ')}`,
    ...(structures.length > 0 ? ['Structure(s) :', ...structures] : ['Structure(s) : aucune connue']),
    `Adresse e-mail pour la réponse : ${user.email}`,
  ];
}

function mailBody(contact: InsurerContact, reference: string, user: SessionUser, officeLabel: string): string {
  const scheme = HEALTH_INSURANCE_SCHEMES.find((s) => s.value === contact.scheme)?.label.fr ?? contact.scheme;
  return [
    `Demande n° ${reference}, envoyée par le formulaire « Contacter l'Assurance Maladie ».`,
    '',
    `Destinataire : ${officeLabel} (${scheme})`,
    `Objet : ${insurerContactSubjectLabel(contact.subject)}`,
    '',
    ...senderLines(user),
    '',
    'Message :',
    contact.message,
  ].join('\n');
}

/** The e-mail to the office (French: its readers are). */
function officeMail(contact: InsurerContact, reference: string, user: SessionUser, officeCode: string, officeLabel: string): OutgoingMessage {
  return {
    channel: 'email',
    recipient: insurerOfficeMailbox(officeCode),
    subject: `[${reference}] ${insurerContactSubjectLabel(contact.subject)} – message d’un professionnel de santé`,
    body: mailBody(contact, reference, user, officeLabel),
  };
}

/**
 * « Contacter l'Assurance Maladie »: checks the message with the shared schema, refuses a NIR or
 * medical data (the form warns first; this is the second line of defence), then writes the
 * e-mail to the office and an audit row (office and subject, never the text) in one transaction.
 */
export class InsurerContactMessages {
  constructor(
    private readonly store: InsurerContactStorage,
    private readonly now: () => Date,
  ) {}

  /** Everything the form checks; throws the 422 the form shows. */
  check(input: unknown): InsurerContact {
    const contact = parseOr422(InsurerContactSchema, input as InsurerContactInput);
    const found = findSensitiveData(contact.message);
    if (found.length > 0) {
      const text = inEveryLocale((locale) => sensitiveDataMessage(found, locale));
      throw new ApiError(422, text, { reason: 'sensitive_data', fields: { message: text } });
    }
    return contact;
  }

  async send(user: SessionUser, contact: InsurerContact): Promise<Omit<InsurerContactReceipt, 'message'> & { message: Localized }> {
    const office = contactOfficeByCode(contact.office)!;
    const reference = newContactReference();
    await this.store.send(officeMail(contact, reference, user, office.code, office.label), { at: this.now().toISOString(), actorId: user.id, action: 'insurer_contact', changes: JSON.stringify({ reference, scheme: contact.scheme, office: office.code, subject: contact.subject }) });
    // The office's name is a proper noun (« CPAM de Paris »): the same in both languages.
    return { reference, message: { fr: `Votre demande n° ${reference} a bien été transmise à la ${office.label}.`, en: `Your request no. ${reference} was sent to the ${office.label}.` } };
  }
}
