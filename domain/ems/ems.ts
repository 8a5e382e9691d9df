import * as v from 'valibot';
import { validateNir } from '../identifiers/nir.ts';
import { validateRpps } from '../identifiers/practitioner-numbers.ts';
import { identifier, instant, message, personName, text } from '../validation/fields.ts';
import { EMS_MESSAGE_MAX } from './ems-model.ts';

/** The exchanges' schemas (valibot): the widgets load them at their first send; the documents and rules without valibot are in `ems-model.ts`, re-exported here. */
export * from './ems-model.ts';

const id = () => v.pipe(v.string(message('required')), v.regex(/^[A-Za-z0-9_-]{1,64}$/, message('fiche.id')));

/** A new thread: the patient (NIR validated, names) and the subject. */
export const EmsThreadSchema = v.object({
  id: id(),
  patientNir: identifier(validateNir, { allowEmpty: false }),
  patientLastName: v.pipe(personName(), v.nonEmpty(message('required'))),
  patientFirstName: v.pipe(personName(), v.nonEmpty(message('required'))),
  subject: v.pipe(text(120), v.nonEmpty(message('required'))),
});
export type EmsThreadInput = v.InferInput<typeof EmsThreadSchema>;

/**
 * A thread the médecin conseil opens (the guide has both sides start one): the same, plus the
 * practitioner it is addressed to, by RPPS. The device sends that RPPS in `practitionerId`; the
 * server puts the practitioner's account there.
 */
export const EmsInsurerThreadSchema = v.object({
  ...EmsThreadSchema.entries,
  practitionerRpps: identifier(validateRpps, { allowEmpty: false }),
});

/** A message: its thread and its text (1–5000 characters). */
export const EmsMessageSchema = v.object({
  id: id(),
  threadId: id(),
  body: v.pipe(v.string(message('required')), v.trim(), v.nonEmpty(message('ems.empty')), v.maxLength(EMS_MESSAGE_MAX, message('text.tooLong', { max: EMS_MESSAGE_MAX }))),
});
export type EmsMessageInput = v.InferInput<typeof EmsMessageSchema>;

/**
 * A side's read mark as a device pushes it: an instant (ISO 8601, UTC). The server never keeps
 * one later than its own clock, nor moves one back.
 */
export const EmsReadMarkSchemas = {
  practitioner: v.object({ practitionerReadAt: instant() }),
  insurer: v.object({ insurerReadAt: instant() }),
} as const;
