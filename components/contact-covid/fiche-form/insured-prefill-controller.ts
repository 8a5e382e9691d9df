import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { insuredIdentity, type InsuredPerson } from '../../../domain/fiche/insured-person.ts';
import { isValidNir } from '../../../domain/identifiers/nir.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';

/**
 * The identity the insurer's directory of insured people gives for the NIR typed in a new file:
 * nom, nom de naissance, prénom and date of birth, shown read-only and saved with
 * `identityFromDirectory` (the server checks them against its directory). Offline, or for a NIR
 * the directory does not know, nothing is prefilled.
 */
export class InsuredPrefillController implements ReactiveController {
  person: InsuredPerson | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly services: () => TeleservicesServices | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The fields a new file starts from: the directory's identity, or none. */
  get initial(): Record<string, unknown> {
    return this.person ? { ...insuredIdentity(this.person), identityFromDirectory: true } : {};
  }

  /** Asks the directory about a full NIR; true when it knows the person (the host then shows their identity). */
  async lookUp(nir: string): Promise<boolean> {
    const services = this.services();
    if (!services || !isValidNir(nir)) return false;
    const person = await services.ficheServer.insured(nir).catch(() => null);
    if (!person) return false;
    this.person = person;
    this.host.requestUpdate();
    await this.host.updateComplete;
    return true;
  }

  /** Another NIR than the one the directory answered for: the identity is typed again. */
  forget(): void {
    this.person = null;
    this.host.requestUpdate();
  }
}
