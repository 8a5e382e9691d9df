import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  titleNew: 'Nouveau patient contact',
  titleEdit: 'Fiche contact',
  titleMask: 'Délivrance de masques',
  titleSampling: 'Prélèvement',
  indexCase: 'Personne contact de : {name}',
  noIndexCase: 'Une personne contact se crée depuis la fiche de son patient zéro.',
  blockContact: 'Informations personne contact',
  blockSampling: 'Prélèvement test',
  blockResults: 'Destinataire du résultat',
  blockMask: 'Masque',
  shareIdentity: 'Le patient zéro accepte de communiquer son identité à ce contact',
  legalNotice:
    'J’ai informé la personne contactée, ou le titulaire de l’autorité parentale, du système d’information visant à identifier les personnes infectées et leurs contacts mis en place aux seules fins de lutter contre l’épidémie de Covid-19. J’accepte les conditions de transmission et les textes applicables conformément à la réglementation en vigueur.',
  identity: 'Identité',
  nir: 'NIR : {nir}',
  birthDate: 'Date de naissance : {date}',
  address: 'Adresse : {address}',
  phone: 'Téléphone : {phone}',
  maskHelp: 'Cochez « Oui » puis cliquez sur « Valider » pour enregistrer la délivrance.',
  samplingHelp: 'Indiquez la date du prélèvement réalisé, puis cliquez sur « Valider ».',
  promoted: 'Le résultat est positif : la personne contact devient patient zéro ({status}). Vous pouvez maintenant ajouter ses propres contacts.',
  saved: 'Fiche contact enregistrée : {status}.',
  maskSaved: 'Délivrance de masques enregistrée pour {name}.',
  samplingSaved: 'Prélèvement du {date} enregistré pour {name}.',
  blockAntigen: 'Test antigénique',
  antigenHelp:
    'Si vous avez réalisé un test antigénique positif, renseignez son résultat et sa date, cochez les mentions légales et validez : la personne contact deviendra patient zéro, même si vous n’êtes pas le créateur de la fiche.',
  homeSampling: 'Prélèvement à domicile demandé : {answer}',
  wantsResults: 'Souhaite recevoir les résultats : {answer}',
  resultsRecipient: 'Précisions : {details}',
  lastContact: 'Dernier contact avec le patient zéro : {date}',
  yes: 'Oui',
  no: 'Non',
  otherNir: 'Saisir un autre NIR',
};

/** The French catalogue's keys, which `contact-covid-contact-form.messages.en.ts` gives in English. */
export type ContactFormFrench = typeof fr;

/** The contact form's own words; the shared ones are in fiche-form.messages.ts. */
export const contactFormMessages = defineMessages(fr, () => import('./contact-covid-contact-form.messages.en.ts'));
