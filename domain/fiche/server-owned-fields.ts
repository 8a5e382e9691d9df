/**
 * The fields of a file that belong to the server: it sets them from the session and its clock,
 * whatever a client sends. Apart from the schema so that code comparing files (the device's
 * conflict handler) does not load the validation.
 */
export const SERVER_OWNED_FICHE_FIELDS = ['declarantId', 'structureId', 'createdAt', 'statusSince', 'updatedAt'] as const;
