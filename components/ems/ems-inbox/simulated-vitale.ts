import { computeNirKey } from '../../../domain/identifiers/nir.ts';

/**
 * Vitale cards are read by the practitioner's card reader, out of reach here: these simulated
 * cards stand in for it (the screen says so). Each gives the patient's NIR and names.
 */
export interface VitaleCard {
  readonly nir: string;
  readonly lastName: string;
  readonly firstName: string;
}

const card = (body: string, lastName: string, firstName: string): VitaleCard => ({ nir: body + computeNirKey(body), lastName, firstName });

export const SIMULATED_VITALE_CARDS: readonly VitaleCard[] = [
  card('2850175112345', 'DUPONT', 'Marie'),
  card('1790569123456', 'LEROY', 'Paul'),
  card('2920794028033', 'NGUYEN', 'Linh'),
];
