import { CommandController, type CommandHost } from '../../controllers/command-controller.ts';
import { OnDemand } from '../../data/on-demand.ts';
import { AccountCreationApi, type AccountCreationService, type NumberLookup, type StrongStart } from '../../data/session/account-api.ts';
import type { Session } from '../../data/session/session.ts';
import type { ProviderReturn } from '../../data/session/pro-sante-connect-return.ts';
import { cardProofRpps, type CardProof } from '../../data/session/strong-auth.ts';

/** The shared schemas' checks, loaded with the first send. */
const validation = new OnDemand(() => import('./account-create-validation.ts'));

/** The steps of account creation (seeds 000–002, "Inscription"). */
export type CreateStep =
  | { readonly name: 'start' }
  /** The card or the key was checked: "Vous êtes sur le point de créer un compte personnel…" */
  | { readonly name: 'intro'; readonly start: StrongStart; readonly method: 'cps' | 'security_key' }
  /** A liberal practitioner's number: security key, or the letter. */
  | { readonly name: 'path'; readonly lookup: NumberLookup }
  /** A pharmacy's or lab's number: the administrative-account notice (the seed's popin). */
  | { readonly name: 'administratif'; readonly lookup: NumberLookup }
  | { readonly name: 'strong-form'; readonly start: StrongStart; readonly method: 'cps' | 'security_key' }
  | { readonly name: 'postal-form'; readonly lookup: NumberLookup }
  | { readonly name: 'created'; readonly message: string; readonly session: Session; readonly method: 'cps' | 'security_key' }
  | { readonly name: 'posted'; readonly message: string; readonly postalAddress: string };

export interface CreateHost extends CommandHost {
  readonly server: string;
  /** Replaces the server's API (stories). */
  readonly api: AccountCreationService | null;
}

/**
 * The logic of `<account-create>`: which step shows, the shared schemas checked before anything
 * is sent, the server's answers (refusals field by field), and the way back.
 */
export class AccountCreateController extends CommandController<CreateStep, CreateHost> {
  readonly #history: CreateStep[] = [];

  constructor(host: CreateHost, unreachable: () => string) {
    super(host, { name: 'start' }, unreachable);
  }

  get #api(): AccountCreationService {
    return this.host.api ?? new AccountCreationApi(this.host.server, () => this.host.locale);
  }

  protected override go(step: CreateStep): void {
    this.#history.push(this.step);
    super.go(step);
  }

  /** "Retour": the previous step; false when there is none (the host leaves). */
  back(): boolean {
    const previous = this.#history.pop();
    if (!previous) return false;
    super.go(previous);
    return true;
  }

  /** The card (simulated, or Pro Santé Connect's return): its holder, known to the directory and without an account. */
  readCard(card: CardProof): Promise<void> {
    return this.run(async () => this.go({ name: 'intro', start: await this.#api.startWithCps(card), method: 'cps' }), { errorField: cardProofRpps(card) ? 'rpps' : '' });
  }

  /**
   * « Avec votre carte CPS » through Pro Santé Connect: `start` leaves for the provider; its return
   * (the popup's) is read as the card, its refusal said in `refusal`'s words.
   */
  async proSanteConnect(start: () => Promise<ProviderReturn | null>, refusal: (outcome: Extract<ProviderReturn, { error: string }>) => string): Promise<void> {
    let outcome: ProviderReturn | null = null;
    await this.run(async () => {
      outcome = await start();
    });
    const returned = outcome as ProviderReturn | null;
    if (!returned) return;
    if ('error' in returned) {
      this.error = refusal(returned);
      this.update();
      return;
    }
    await this.readCard({ authorization: returned.authorization });
  }

  /** "Renseignez votre numéro AM ou FINESS" → "Continuer". */
  lookup(number: string): Promise<void> {
    if (!number.trim()) {
      this.errors = { number: this.host.locale === 'en' ? 'This field is required.' : 'Ce champ est obligatoire.' };
      this.update();
      return Promise.resolve();
    }
    return this.run(async () => {
      const lookup = await this.#api.lookup(number);
      this.go({ name: lookup.accountKind === 'liberal' ? 'path' : lookup.accountKind === 'administratif' ? 'administratif' : 'postal-form', lookup });
    }, { errorField: 'number' });
  }

  async securityKey(input: { nir: string; ibanLast4: string }): Promise<void> {
    if (this.step.name !== 'path') return;
    const number = this.step.lookup.structure.number;
    const key = await this.check(async () => (await validation.get()).checkSecurityKey({ number, ...input }, this.host.locale));
    if (!key) return;
    return this.run(async () => this.go({ name: 'intro', start: await this.#api.startWithSecurityKey(key), method: 'security_key' }), { errorField: 'nir' });
  }

  choosePost(): void {
    if (this.step.name === 'path' || this.step.name === 'administratif') this.go({ name: 'postal-form', lookup: this.step.lookup });
  }

  confirmIntro(): void {
    if (this.step.name === 'intro') this.go({ name: 'strong-form', start: this.step.start, method: this.step.method });
  }

  /** "CRÉER COMPTE" after a card or a key: the account and its session. */
  async createStrong(form: Record<string, unknown>): Promise<void> {
    if (this.step.name !== 'strong-form') return;
    const { start, method } = this.step;
    const input = await this.check(async () => (await validation.get()).checkStrongAccount({ ...form, ticket: start.ticket }, this.host.locale));
    if (!input) return;
    return this.run(async () => {
      const { message, ...session } = await this.#api.createStrong(input);
      this.go({ name: 'created', message, session, method });
    });
  }

  /** "Créer un compte" without a card: the letter with the temporary password. */
  async createByPost(form: Record<string, unknown>): Promise<void> {
    if (this.step.name !== 'postal-form') return;
    const number = this.step.lookup.structure.number;
    const input = await this.check(async () => (await validation.get()).checkPostalAccount({ ...form, number }, this.host.locale));
    if (!input) return;
    return this.run(async () => {
      const answer = await this.#api.createByPost(input);
      this.go({ name: 'posted', ...answer });
    });
  }
}
