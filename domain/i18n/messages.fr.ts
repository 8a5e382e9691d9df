/**
 * French messages of the shared domain (validators, schemas, statuses).
 * French is the reference catalogue: every other locale must provide every key.
 */
export const domainMessagesFr = {
  'required': 'Ce champ est obligatoire.',
  'text.tooLong': 'Ce champ ne peut pas dépasser {max} caractères.',
  'text.invalidName': 'Le nom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.',
  'boolean.expected': 'Répondez par oui ou par non.',
  'choice.invalid': 'Choisissez une valeur de la liste.',
  'date.invalid': 'La date doit être au format jj/mm/aaaa et exister dans le calendrier.',
  'date.inFuture': 'La date ne peut pas être dans le futur.',
  'date.tooOld': 'La date ne peut pas être antérieure au 01/01/1900.',
  'datetime.invalid': 'La date et l’heure doivent être au format ISO 8601 (UTC).',

  'nir.empty': 'Saisissez le numéro de sécurité sociale (NIR + clé).',
  'nir.length': 'Le NIR doit compter 15 caractères (13 + 2 pour la clé) ; vous en avez saisi {length}.',
  'nir.characters': 'Le NIR ne peut contenir que des chiffres (et 2A ou 2B pour la Corse).',
  'nir.sex': 'Le premier chiffre du NIR (sexe) doit être 1, 2, 3, 4, 7 ou 8.',
  'nir.month': 'Le mois de naissance du NIR (4e et 5e chiffres) doit être entre 01 et 12, 20 et 42 ou 50 et 99.',
  'nir.department': 'Le département de naissance du NIR (6e et 7e caractères) n’est pas valide.',
  'nir.key': 'La clé du NIR ne correspond pas au numéro : vérifiez la saisie.',

  'amNumber.empty': 'Saisissez le numéro Assurance Maladie.',
  'amNumber.format': 'Le numéro Assurance Maladie doit compter 9 chiffres ; vous en avez saisi {length}.',
  'amNumber.key': 'Le numéro Assurance Maladie est erroné : sa clé ne correspond pas.',
  'finess.empty': 'Saisissez le numéro FINESS.',
  'finess.format': 'Le numéro FINESS doit compter 9 caractères (chiffres, 2A ou 2B en tête pour la Corse) ; vous en avez saisi {length}.',
  'finess.key': 'Le numéro FINESS est erroné : sa clé ne correspond pas.',
  'rpps.empty': 'Saisissez le numéro RPPS.',
  'rpps.format': 'Le numéro RPPS doit compter 11 chiffres ; vous en avez saisi {length}.',
  'rpps.key': 'Le numéro RPPS est erroné : sa clé ne correspond pas.',
  'adeli.empty': 'Saisissez le numéro ADELI.',
  'adeli.format': 'Le numéro ADELI doit compter 9 chiffres ; vous en avez saisi {length}.',
  'cpe.empty': 'Saisissez le numéro de la carte CPE (première ligne de la carte).',
  'cpe.spaces': 'Le numéro de carte CPE se saisit sans espace.',
  'cpe.format': 'Le numéro de carte CPE doit compter de 4 à 30 caractères imprimables.',
  'postcode.empty': 'Saisissez le code postal ou le département.',
  'postcode.format': 'Saisissez un code postal à 5 chiffres ou un département (ex. 75, 2A, 974).',
  'postcode.unknown': 'Le département {department} n’existe pas.',
  'phone.empty': 'Saisissez un numéro de téléphone.',
  'phone.format': 'Le numéro de téléphone doit compter 10 chiffres commençant par 0 (ex. 01 43 00 00 00) ou commencer par +.',
  'email.empty': 'Saisissez une adresse e-mail.',
  'email.format': 'L’adresse e-mail n’est pas valide (ex. nom@domaine.fr).',
  'email.tooLong': 'L’adresse e-mail ne peut pas dépasser 254 caractères.',

  'password.minLength': 'Au moins 8 caractères',
  'password.upper': 'Au moins une lettre majuscule',
  'password.lower': 'Au moins une lettre minuscule',
  'password.digit': 'Au moins un chiffre',
  'password.special': 'Au moins un caractère spécial (ex. # ! ? @ %)',
  'password.invalid': 'Le mot de passe ne respecte pas les règles de sécurité : {rules}.',

  'fiche.id': 'L’identifiant de la fiche doit compter de 1 à 64 caractères (lettres, chiffres, - ou _).',
  'fiche.unknownField': 'Ce champ n’existe pas dans une fiche Contact COVID.',
  'fiche.notObject': 'Une fiche doit être un objet JSON.',
  'fiche.legalNoticeRequired': 'Cochez les mentions légales pour valider la fiche.',
  'fiche.indexCaseRequired': 'Une personne contact doit être rattachée à un patient zéro.',
  'fiche.samplingBeforeBirth': 'La date de prélèvement ne peut pas précéder la date de naissance.',
  'fiche.statusKind': 'Le statut « {status} » ne s’applique pas à ce type de fiche.',
  'fiche.socialSupportNeedsWithoutSupport': 'Indiquez que le patient accepte un accompagnement social avant d’en préciser la nature.',

  'transition.notAllowed': 'La fiche ne peut pas passer de « {from} » à « {to} ».',
  'transition.role': 'Votre profil ne permet pas de passer la fiche de « {from} » à « {to} ».',
  'transition.kindChange': 'Une fiche patient zéro ne redevient jamais une fiche contact.',
  'transition.promotionDiagnosis': 'Seul un diagnostic positif (RT-PCR, antigénique) ou probable fait d’un contact un patient zéro.',
} as const;

export type DomainMessageKey = keyof typeof domainMessagesFr;
