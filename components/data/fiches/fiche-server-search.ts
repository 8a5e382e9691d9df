import { isValidNir, normalizeNir } from '../../../domain/identifiers/nir.ts';
import { toFicheSummary, type FicheSummary } from '../../../domain/fiche/fiche-summary.ts';
import type { InsuredPerson } from '../../../domain/fiche/insured-person.ts';
import { ApiRequestError, type ApiClient } from '../replication/api-client.ts';
import type { LocalFiche } from './fiche-collection-schema.ts';
import type { FicheRepository } from './fiche-repository.ts';

/**
 * What needs the server: finding files outside the device's scope by full NIR (the pharmacist's
 * search, duplicate detection) and opening one, which brings it into the user's replicated
 * scope. Offline, these fail with an ApiRequestError of kind `offline` that says so.
 */
export class FicheServerSearch {
  constructor(
    private readonly api: ApiClient,
    private readonly fiches: FicheRepository,
  ) {}

  /** Summaries (identity, structure's postcode, status, dates — no medical data) of the files with this NIR. */
  async byNir(nir: string, names: { lastName?: string; firstName?: string } = {}): Promise<FicheSummary[]> {
    const query = new URLSearchParams({ nir: normalizeNir(nir) });
    if (names.lastName) query.set('lastName', names.lastName);
    if (names.firstName) query.set('firstName', names.firstName);
    const { documents } = await this.api.json<{ documents: FicheSummary[] }>(`/api/fiches/search?${query}`);
    return documents;
  }

  /**
   * The insurer's record of an insured person (the identity that prefills a file, read-only), or
   * null when the directory does not know this NIR. Needs the server (offline: ApiRequestError).
   */
  async insured(nir: string): Promise<InsuredPerson | null> {
    try {
      const { person } = await this.api.json<{ person: InsuredPerson }>(`/api/fiches/insured?${new URLSearchParams({ nir: normalizeNir(nir) })}`);
      return person;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) return null;
      throw error;
    }
  }

  /** Opens a file found on the server (its NIR proves the search); it reaches the device through the replication. */
  async open(id: string, nir: string): Promise<LocalFiche> {
    const { document } = await this.api.json<{ document: LocalFiche }>(`/api/fiches/${encodeURIComponent(id)}/open`, { method: 'POST', json: { nir } });
    return document;
  }

  /**
   * The file a new one would duplicate (same NIR, nom and prénom): on the device first, then on
   * the server when it answers. Null when there is none, or when the server is unreachable
   * and the device has none (the server checks again on sync).
   */
  async findDuplicate(candidate: { id: string; nir?: string; lastName?: string; firstName?: string }): Promise<FicheSummary | null> {
    // A NIR the form will refuse anyway is not worth a request (nor a 400 in the console).
    if (!candidate.nir || !candidate.lastName || !candidate.firstName || !isValidNir(candidate.nir)) return null;
    const local = (await this.fiches.search({ nir: candidate.nir, lastName: candidate.lastName, firstName: candidate.firstName })).find(
      (f) => f.id !== candidate.id && f.nir === normalizeNir(candidate.nir!),
    );
    if (local) return toFicheSummary(local);
    try {
      const remote = (await this.byNir(candidate.nir, { lastName: candidate.lastName, firstName: candidate.firstName })).find((f) => f.id !== candidate.id);
      return remote ?? null;
    } catch {
      return null;
    }
  }
}
