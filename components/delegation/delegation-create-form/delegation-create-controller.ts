import { checkDelegationStructures, DELEGATION_PROFILE_DEFINITIONS, type DelegationDocument, type DelegationProfile } from '../../../domain/delegation/delegation-rules.ts';
import { validateEmail } from '../../../domain/identifiers/contact-details.ts';
import { validationMessage } from '../../../domain/identifiers/validation-result.ts';
import { CommandController, type CommandHost } from '../../controllers/command-controller.ts';
import { OnDemand } from '../../data/on-demand.ts';
import type { DelegationService } from '../../data/delegations/delegation-api.ts';
import { translator } from '../../i18n/messages.ts';
import { delegationCreateMessages } from './delegation-create-form.messages.ts';


/** The shared schema of a delegation, loaded with the first « VALIDER ». */
const validation = new OnDemand(() => import('./delegation-create-validation.ts'));
export interface DelegateFound {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

export type CreateStep =
  | { readonly name: 'email' }
  /** The e-mail names an account: "Cet utilisateur correspond-il à votre délégué ?" */
  | { readonly name: 'verify'; readonly found: DelegateFound }
  | { readonly name: 'details'; readonly email: string; readonly found: DelegateFound | null }
  | { readonly name: 'created'; readonly delegation: DelegationDocument };

/**
 * The logic of `<delegation-create-form>`: the délégué's e-mail and the account check, then the
 * profile, dates, CPE card and structures, checked with the shared schema and the structure
 * rule before the server (the authority) creates the delegation.
 */
export class DelegationCreateController extends CommandController<CreateStep, CommandHost> {
  /** What the form holds, kept across steps and failures (nothing typed is lost). */
  email = '';
  profile: DelegationProfile | '' = '';
  validFrom = '';
  validUntil = '';
  cpeCardId = '';
  structureIds: string[] = [];

  constructor(
    host: CommandHost,
    private readonly commands: () => DelegationService | undefined,
    private readonly structures: () => readonly string[],
    unreachable: () => string,
  ) {
    super(host, { name: 'email' }, unreachable);
  }

  /** "Continuer" after the e-mail: looks for an account with it. */
  checkEmail(email: string): Promise<void> {
    this.email = email.trim();
    const checked = validateEmail(this.email);
    if (!checked.valid) {
      this.errors = { delegateEmail: validationMessage(checked, this.host.locale) };
      this.update();
      return Promise.resolve();
    }
    this.email = checked.value;
    return this.run(async () => {
      const found = await this.commands()!.lookup(this.email);
      this.step = found.exists ? { name: 'verify', found } : { name: 'details', email: this.email, found: null };
    });
  }

  /** "Oui" / "Non, je vérifie la saisie". */
  confirmDelegate(yes: boolean): void {
    if (this.step.name !== 'verify') return;
    this.step = yes ? { name: 'details', email: this.step.found.email, found: this.step.found } : { name: 'email' };
    this.update();
  }

  chooseProfile(profile: DelegationProfile): void {
    this.profile = profile;
    if (DELEGATION_PROFILE_DEFINITIONS[profile].allStructures) this.structureIds = [...this.structures()];
    this.update();
  }

  /** "VALIDER": the shared schema and the structure rule first, then the server. */
  async submit(form: { validFrom: string; validUntil: string; cpeCardId: string; structureIds: string[] }, onCreated: (delegation: DelegationDocument) => void): Promise<void> {
    Object.assign(this, form);
    const input = { delegateEmail: this.email, profile: this.profile, ...form };
    const output = await this.check(async () => {
      const parsed = (await validation.get()).checkDelegationCreate(input, this.host.locale);
      const errors = { ...parsed.errors };
      if (this.profile && !errors['structureIds']) {
        const rule = checkDelegationStructures(this.profile, form.structureIds, this.structures());
        if (rule === 'all_required') errors['structureIds'] = translator(delegationCreateMessages, this.host.locale)('allStructuresRequired');
      }
      return { output: parsed.output, errors };
    });
    if (!output) return;
    return this.run(async () => {
      const delegation = await this.commands()!.create(output);
      this.step = { name: 'created', delegation };
      onCreated(delegation);
    });
  }

  restart(): void {
    this.step = { name: 'email' };
    this.errors = {};
    this.error = '';
    this.email = '';
    this.profile = '';
    this.validFrom = '';
    this.validUntil = '';
    this.cpeCardId = '';
    this.structureIds = [];
    this.update();
  }
}
