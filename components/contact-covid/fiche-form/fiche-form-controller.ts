import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { filter, firstValueFrom, timeout, type Subscription } from 'rxjs';
import { editableFicheFields } from '../../../domain/fiche/fiche-field-rights.ts';
import type { FicheSummary } from '../../../domain/fiche/fiche-summary.ts';
import { IDENTITY_FIELDS, type FicheKind } from '../../../domain/fiche/vocabulary.ts';
import type { FicheStatus } from '../../../domain/fiche/fiche-status.ts';
import { toLocale } from '../../../domain/i18n/index.ts';
import type { Role } from '../../../domain/roles.ts';
import type { LocalFiche } from '../../data/fiches/fiche-collection-schema.ts';
import type { SyncJournalEntry } from '../../data/sync/sync-journal-schema.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';
import { moduleUnavailableMessage } from '../../forms/on-demand-failure.ts';
import { CHECKBOX_FIELDS, FORM_FIELDS, lockedFields, newFicheId, readFicheForm, requestedStatus } from './fiche-form-model.ts';

export type FicheFormHost = ReactiveControllerHost & HTMLElement & { readonly locale: string; readonly renderRoot: HTMLElement | DocumentFragment };

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly fiche: LocalFiche; readonly previous: LocalFiche | null }
  | { readonly kind: 'duplicate'; readonly fiche: FicheSummary }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'busy' };

/** How long a file opened on the server may take to reach the device before the form shows it anyway. */
const OPEN_WAIT_MS = 10_000;

/** What was typed that is worth keeping when the form moves to an existing file. */
function typedValues(doc: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) {
    const value = doc[field];
    if ((IDENTITY_FIELDS as readonly string[]).includes(field) || value === undefined || value === '') continue;
    if (value === false && (CHECKBOX_FIELDS as readonly string[]).includes(field)) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    kept[field] = value;
  }
  return kept;
}

/**
 * What the file forms share: following the file being edited (and its sync state) in the local
 * database, the fields locked for this user, reading the form, duplicate detection (with what
 * was typed carried over to the existing file), saving through the repository, and the errors
 * per field with the first one focused.
 */
export class FicheFormController implements ReactiveController {
  services: TeleservicesServices | undefined;
  ficheId = '';
  fiche: LocalFiche | null = null;
  loaded = true;
  syncEntry: SyncJournalEntry | null = null;
  errors: Record<string, string> = {};
  /** A save that could not even be checked (its validation could not be fetched): said in the error summary, the form kept. */
  problem = '';
  saving = false;
  /** What was typed before a duplicate was found: shown over the existing file, until saved. */
  carried: Record<string, unknown> = {};

  readonly #newId: string;
  #subscriptions: Subscription[] = [];
  #loaded: Promise<void> = Promise.resolve();
  #watching: { services: TeleservicesServices | undefined; ficheId: string } | null = null;

  constructor(
    private readonly host: FicheFormHost,
    private readonly kind: FicheKind,
  ) {
    this.#newId = newFicheId(kind === 'patient_zero' ? 'p0' : 'pc');
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#stop();
  }

  hostConnected(): void {
    if (this.#watching) this.watch(this.#watching.services, this.#watching.ficheId, true);
  }

  get role(): Role {
    return (this.services?.session.user.role ?? 'medecin') as Role;
  }

  /** Follows a file (or none, for a new one) in the given services. */
  watch(services: TeleservicesServices | undefined, ficheId: string, force = false): void {
    if (!force && this.#watching?.services === services && this.#watching?.ficheId === ficheId) return;
    this.#stop();
    this.#watching = { services, ficheId };
    this.services = services;
    this.ficheId = ficheId;
    this.fiche = null;
    this.syncEntry = null;
    this.carried = {};
    this.loaded = !ficheId;
    if (!services || !ficheId) {
      this.#loaded = Promise.resolve();
      return;
    }
    let markLoaded = () => {};
    this.#loaded = new Promise((resolve) => (markLoaded = resolve));
    this.#subscriptions.push(
      services.fiches.get$(ficheId).subscribe((fiche) => {
        this.fiche = fiche;
        this.loaded = true;
        markLoaded();
        this.host.requestUpdate();
      }),
      services.journal.entry$('fiches', ficheId).subscribe((entry) => {
        this.syncEntry = entry;
        this.host.requestUpdate();
      }),
    );
  }

  /** Resolves once the file followed has been read from the device (found or not). */
  get whenLoaded(): Promise<void> {
    return this.#loaded;
  }

  #stop(): void {
    this.#subscriptions.forEach((s) => s.unsubscribe());
    this.#subscriptions = [];
  }

  /** Whether the file is of the user's structure (a new file will be). */
  get ownStructure(): boolean {
    const structureId = this.fiche?.structureId;
    return !structureId || (this.services?.session.user.structures ?? []).some((s) => s.id === structureId);
  }

  /**
   * The document the form starts from: the file (with what was typed before a duplicate was
   * found, for the fields this user may write on it), or a new one with `initial` fields.
   */
  base(initial: Record<string, unknown> = {}): Record<string, unknown> {
    if (!this.fiche) return { id: this.#newId, kind: this.kind, status: 'brouillon', ...initial };
    const editable = editableFicheFields(this.role, this.ownStructure);
    const carried = Object.entries(this.carried).filter(([field]) => editable === 'all' || editable.includes(field));
    return { ...this.fiche, ...Object.fromEntries(carried) };
  }

  locked(initial: Record<string, unknown> = {}): Set<string> {
    return lockedFields(this.role, this.fiche ?? (Object.keys(initial).length > 0 ? this.base(initial) : null), this.ownStructure);
  }

  /**
   * For a new file: whether one with the same NIR, nom and prénom exists (on the device, else on
   * the server). If so, the form moves to it — opened from the server when needed — keeping
   * what was typed; null otherwise (or when NIR, nom or prénom is still missing).
   */
  async findDuplicate(initial: Record<string, unknown> = {}): Promise<FicheSummary | null> {
    const services = this.services;
    const form = this.host.renderRoot.querySelector('form');
    if (!services || !form || this.fiche) return null;
    const doc = readFicheForm(form, this.base(initial), this.locked(initial));
    const duplicate = await services.ficheServer.findDuplicate(doc as { id: string; nir?: string; lastName?: string; firstName?: string });
    if (!duplicate || this.fiche) return null;
    if (!(await services.fiches.get(duplicate.id))) {
      // Opened on the server, the file reaches the device through the replication: the form waits for it (a while).
      const opened = await services.ficheServer.open(duplicate.id, duplicate.nir).then(() => true, () => false);
      if (opened) await firstValueFrom(services.fiches.get$(duplicate.id).pipe(filter(Boolean), timeout({ first: OPEN_WAIT_MS }))).catch(() => null);
    }
    this.errors = {};
    this.watch(services, duplicate.id);
    this.carried = typedValues(doc);
    return duplicate;
  }

  focusField(field: string): void {
    this.host.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }

  /**
   * Reads the form and saves: a draft or a validation, with duplicate detection for new files
   * (same NIR, nom, prénom). On invalid input, the errors are set and the first field focused.
   */
  async save(mode: 'draft' | 'validate', initial: Record<string, unknown> = {}, { detectDuplicates = true } = {}): Promise<SaveOutcome> {
    const services = this.services;
    const form = this.host.renderRoot.querySelector('form');
    if (!services || !form || this.saving) return { kind: 'busy' };
    const previous = this.fiche;
    const doc = readFicheForm(form, this.base(initial), this.locked(initial));
    doc['status'] = requestedStatus(this.kind, (previous?.status as FicheStatus | undefined) ?? null, mode);
    this.saving = true;
    this.problem = '';
    this.host.requestUpdate();
    try {
      if (!previous && mode === 'validate' && detectDuplicates) {
        const duplicate = await this.findDuplicate(initial);
        if (duplicate) return { kind: 'duplicate', fiche: duplicate };
      }
      const result = await services.fiches.save(doc, this.role, this.host.locale);
      if (!result.ok) {
        const errors: Record<string, string> = {};
        for (const issue of result.issues) errors[issue.field.split('.')[0] ?? issue.field] ??= issue.message;
        this.errors = errors;
        this.host.requestUpdate();
        await this.host.updateComplete;
        const first = Object.keys(errors)[0];
        if (first) this.focusField(first);
        return { kind: 'invalid' };
      }
      this.errors = {};
      this.carried = {};
      if (!previous) this.watch(services, result.fiche.id);
      return { kind: 'saved', fiche: result.fiche, previous };
    } catch (error) {
      const unavailable = moduleUnavailableMessage(error, toLocale(this.host.locale));
      if (unavailable === null) throw error;
      this.problem = unavailable;
      this.host.requestUpdate();
      void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus());
      return { kind: 'unavailable' };
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }
}
