import { checkDelegationStructures, DELEGATION_PROFILE_DEFINITIONS, DELEGATION_UPDATABLE_STATUSES, type DelegationDocument } from '../../../domain/delegation/delegation-rules.ts';
import { CommandController, type CommandHost } from '../../controllers/command-controller.ts';
import { OnDemand } from '../../data/on-demand.ts';
import type { DelegationService } from '../../data/delegations/delegation-api.ts';
import { translator } from '../../i18n/messages.ts';
import { delegationDashboardMessages } from './delegation-dashboard.messages.ts';


/** The shared schema of an update, loaded with the first save. */
const validation = new OnDemand(() => import('./delegation-update-validation.ts'));
export type UpdateStep =
  | { readonly name: 'closed' }
  | { readonly name: 'edit'; readonly delegation: DelegationDocument }
  | { readonly name: 'updated'; readonly delegation: DelegationDocument };

/** The delegations a délégant may still update (the server says the same). */
export const isUpdatable = (delegation: DelegationDocument): boolean => DELEGATION_UPDATABLE_STATUSES.includes(delegation.status);

/**
 * The logic of « Mise à jour d'une délégation » in `<delegation-dashboard>`: the delegation's
 * dates and structures, checked with the shared schema and the profile's structure rule, then
 * sent to the server (the authority). What was typed stays across a refusal.
 */
export class DelegationUpdateController extends CommandController<UpdateStep, CommandHost> {
  validFrom = '';
  validUntil = '';
  structureIds: string[] = [];

  constructor(
    host: CommandHost,
    private readonly commands: () => DelegationService | undefined,
    private readonly structures: () => readonly string[],
    unreachable: () => string,
  ) {
    super(host, { name: 'closed' }, unreachable);
  }

  /** « Mettre à jour » on a row: the form, filled with the delegation as it is (every structure for Remplaçant / Assistant médical). */
  open(delegation: DelegationDocument): void {
    this.validFrom = delegation.validFrom;
    this.validUntil = delegation.validUntil;
    this.structureIds = DELEGATION_PROFILE_DEFINITIONS[delegation.profile].allStructures ? [...this.structures()] : delegation.structures.map((s) => s.id);
    this.go({ name: 'edit', delegation });
  }

  close(): void {
    this.go({ name: 'closed' });
  }

  /** « Enregistrer les modifications »: the shared schema and the structure rule first, then the server. */
  async submit(form: { validFrom: string; validUntil: string; structureIds: string[] }, onUpdated: (delegation: DelegationDocument) => void): Promise<void> {
    if (this.step.name !== 'edit') return;
    const { delegation } = this.step;
    Object.assign(this, form);
    const output = await this.check(async () => {
      const parsed = (await validation.get()).checkDelegationUpdate(form, this.host.locale);
      const errors = { ...parsed.errors };
      if (!errors['structureIds'] && checkDelegationStructures(delegation.profile, form.structureIds, this.structures()) === 'all_required') {
        errors['structureIds'] = translator(delegationDashboardMessages, this.host.locale)('allStructuresRequired');
      }
      return { output: parsed.output, errors };
    });
    if (!output) return;
    return this.run(async () => {
      const updated = await this.commands()!.update(delegation.id, output);
      this.step = { name: 'updated', delegation: updated };
      onUpdated(updated);
    });
  }
}
