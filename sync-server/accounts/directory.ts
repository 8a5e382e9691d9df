import { approvalTerms, contactOfficeByCode, insurerOfficeByCode, type AccountPlace } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';

/**
 * The insurer's directory (référentiel): the structures with their postal address and insurer
 * office, and the professionals who may create an account, with their places of practice. The
 * demo seeds it; in production it would be fed from the national directories (RPPS, FINESS).
 */
export interface DirectoryStructure {
  readonly id: string;
  readonly kind: 'cabinet' | 'pharmacie' | 'laboratoire' | 'centre_sante' | 'organisme';
  readonly name: string;
  readonly amNumber: string | null;
  readonly finess: string | null;
  readonly street: string;
  readonly postcode: string;
  readonly commune: string;
  readonly insurerOffice: string;
  readonly phone: string;
  /** The place's authorisations, as stored: a JSON list of codes. */
  readonly approvals: string;
}

export interface DirectoryProfessional {
  readonly id: string;
  readonly rpps: string | null;
  readonly role: string;
  readonly practice: 'liberal' | 'salarie' | 'structure';
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly specialty: string;
  readonly securityKeyHash: string | null;
}

export const STRUCTURE_COLUMNS = `s.id, s.kind, s.name, s.am_number AS amNumber, s.finess, s.street, s.postcode, s.commune, s.insurer_office AS insurerOffice, s.phone, s.approvals`;
export const PROFESSIONAL_COLUMNS = `p.id, p.rpps, p.role, p.practice, p.civility, p.first_name AS firstName, p.last_name AS lastName, p.specialty, p.security_key_hash AS securityKeyHash`;

/** The directory's reads on SQLite, synchronous: inside the account store's transactions. */
export class SqliteDirectory {
  constructor(private readonly db: SqliteDatabase) {}

  /** The structure an AM or FINESS number (checked) names, or null. */
  structureByNumber(number: string): DirectoryStructure | null {
    return (this.db.prepare(`SELECT ${STRUCTURE_COLUMNS} FROM structures s WHERE s.am_number = ? OR s.finess = ?`).get(number, number) as DirectoryStructure | undefined) ?? null;
  }

  professionalByRpps(rpps: string): DirectoryProfessional | null {
    return (this.db.prepare(`SELECT ${PROFESSIONAL_COLUMNS} FROM directory_professionals p WHERE p.rpps = ?`).get(rpps) as DirectoryProfessional | undefined) ?? null;
  }

  professional(id: string): DirectoryProfessional | null {
    return (this.db.prepare(`SELECT ${PROFESSIONAL_COLUMNS} FROM directory_professionals p WHERE p.id = ?`).get(id) as DirectoryProfessional | undefined) ?? null;
  }

  /** The liberal professional a practice's AM number belongs to (a cabinet has its own number). */
  liberalOfStructure(structureId: string): DirectoryProfessional | null {
    return (
      (this.db
        .prepare(
          `SELECT ${PROFESSIONAL_COLUMNS} FROM directory_professionals p JOIN directory_memberships m ON m.professional_id = p.id
            WHERE m.structure_id = ? AND p.practice = 'liberal' ORDER BY p.id LIMIT 1`,
        )
        .get(structureId) as DirectoryProfessional | undefined) ?? null
    );
  }

  structuresOf(professionalId: string): DirectoryStructure[] {
    return this.db
      .prepare(`SELECT ${STRUCTURE_COLUMNS} FROM structures s JOIN directory_memberships m ON m.structure_id = s.id WHERE m.professional_id = ? ORDER BY s.name`)
      .all(professionalId) as DirectoryStructure[];
  }

  /** The structures an account works in, with their address: "Informations professionnelles". */
  structuresOfAccount(userId: string): DirectoryStructure[] {
    return this.db
      .prepare(`SELECT ${STRUCTURE_COLUMNS} FROM structures s JOIN user_structures us ON us.structure_id = s.id WHERE us.user_id = ? ORDER BY s.name`)
      .all(userId) as DirectoryStructure[];
  }
}

/** The number a structure is known by. */
export const structureNumber = (structure: DirectoryStructure) => structure.amNumber ?? structure.finess ?? '';

/** The postal address as the envelope reads it. */
export const postalAddress = (name: string, structure: DirectoryStructure) =>
  [name, structure.street, `${structure.postcode} ${structure.commune.toUpperCase()}`].filter(Boolean).join('\n');

/** The insurer office a structure depends on, as `{code, label}` ('941 - CPAM du Val-de-Marne'). */
export function insurerOfficeOf(structure: DirectoryStructure): { code: string; label: string } | null {
  if (!structure.insurerOffice) return null;
  const office = insurerOfficeByCode(structure.insurerOffice);
  return { code: structure.insurerOffice, label: office?.label ?? structure.insurerOffice };
}

/** « Caisse gestionnaire » as « Informations professionnelles » shows it: the office with its address and phone. */
export function managingOfficeOf(structure: DirectoryStructure): AccountPlace['insurerOffice'] {
  const office = insurerOfficeOf(structure);
  if (!office) return null;
  const details = contactOfficeByCode(office.code)?.details;
  return { ...office, address: details?.address ?? '', phone: details?.phone ?? '' };
}

/** A place of practice of « Informations professionnelles ». */
export function accountPlaceOf(structure: DirectoryStructure): AccountPlace {
  return {
    id: structure.id,
    kind: structure.kind,
    name: structure.name,
    number: structureNumber(structure),
    street: structure.street,
    postcode: structure.postcode,
    commune: structure.commune,
    phone: structure.phone,
    approvals: approvalTerms(structure.approvals),
    insurerOffice: managingOfficeOf(structure),
  };
}
