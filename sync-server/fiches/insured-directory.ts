import type { Statement } from 'better-sqlite3';
import type { InsuredPerson } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';

type Row = { nir: string; last_name: string; birth_name: string; first_name: string; birth_date: string };

/** The insurer's directory of insured people (`insured_people`), read by full NIR. */
export class InsuredDirectory {
  readonly #byNir: Statement;

  constructor(db: SqliteDatabase) {
    this.#byNir = db.prepare('SELECT nir, last_name, birth_name, first_name, birth_date FROM insured_people WHERE nir = ?');
  }

  find(nir: string): InsuredPerson | null {
    const row = this.#byNir.get(nir) as Row | undefined;
    return row ? { nir: row.nir, lastName: row.last_name, birthName: row.birth_name, firstName: row.first_name, birthDate: row.birth_date } : null;
  }
}
