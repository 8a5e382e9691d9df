import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import type { FicheKind } from '../../../domain/fiche/vocabulary.ts';
import type { FicheStatus } from '../../../domain/fiche/fiche-status.ts';
import type { Role } from '../../../domain/roles.ts';
import type { LocalFiche } from '../../data/fiches/fiche-collection-schema.ts';
import type { SyncJournalEntry } from '../../data/sync/sync-journal-schema.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';
import { lockedFields, newFicheId, readFicheForm, requestedStatus } from './fiche-form-model.ts';

export type FicheFormHost = ReactiveControllerHost & HTMLElement & { readonly locale: string; readonly renderRoot: HTMLElement | DocumentFragment };

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly fiche: LocalFiche; readonly previous: LocalFiche | null }
  | { readonly kind: 'duplicate'; readonly fiche: { readonly id: string } }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'busy' };

/**
 * What the file forms share: following the file being edited (and its sync state) in the local
 * database, the fields locked for this user, reading the form, duplicate detection, saving
 * through the repository, and the errors per field with the first one focused.
 */
export class FicheFormController implements ReactiveController {
  services: TeleservicesServices | undefined;
  ficheId = '';
  fiche: LocalFiche | null = null;
  loaded = true;
  syncEntry: SyncJournalEntry | null = null;
  errors: Record<string, string> = {};
  saving = false;

  readonly #newId: string;
  #subscriptions: Subscription[] = [];
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
    this.loaded = !ficheId;
    if (!services || !ficheId) return;
    this.#subscriptions.push(
      services.fiches.get$(ficheId).subscribe((fiche) => {
        this.fiche = fiche;
        this.loaded = true;
        this.host.requestUpdate();
      }),
      services.journal.entry$('fiches', ficheId).subscribe((entry) => {
        this.syncEntry = entry;
        this.host.requestUpdate();
      }),
    );
  }

  #stop(): void {
    this.#subscriptions.forEach((s) => s.unsubscribe());
    this.#subscriptions = [];
  }

  /** The document the form starts from: the file, or a new one with `initial` fields. */
  base(initial: Record<string, unknown> = {}): Record<string, unknown> {
    return this.fiche ?? { id: this.#newId, kind: this.kind, status: 'brouillon', ...initial };
  }

  locked(initial: Record<string, unknown> = {}): Set<string> {
    return lockedFields(this.role, this.fiche ?? (Object.keys(initial).length > 0 ? this.base(initial) : null));
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
    this.host.requestUpdate();
    try {
      if (!previous && mode === 'validate' && detectDuplicates) {
        const duplicate = await services.ficheServer.findDuplicate(doc as { id: string; nir?: string; lastName?: string; firstName?: string });
        if (duplicate) {
          if (!(await services.fiches.get(duplicate.id))) await services.ficheServer.open(duplicate.id, duplicate.nir).catch(() => undefined);
          this.errors = {};
          this.watch(services, duplicate.id);
          return { kind: 'duplicate', fiche: duplicate };
        }
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
      if (!previous) this.watch(services, result.fiche.id);
      return { kind: 'saved', fiche: result.fiche, previous };
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }
}
