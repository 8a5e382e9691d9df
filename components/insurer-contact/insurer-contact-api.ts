import type { InsurerContactInput, InsurerContactReceipt } from '../../domain/insurer-contact/insurer-contact-schema.ts';
import type { ApiClient } from '../data/replication/api-client.ts';

/** What `<insurer-contact-form>` needs from the server (stories pass a stand-in). */
export interface InsurerContactService {
  /** Sends the message; rejects with an `ApiRequestError` (`body.fields` on a refused form, kind `offline` without network). */
  send(form: InsurerContactInput): Promise<InsurerContactReceipt>;
}

/** `POST /api/insurer-contact` with the provider's session. */
export class InsurerContactApi implements InsurerContactService {
  constructor(private readonly api: ApiClient) {}

  send(form: InsurerContactInput): Promise<InsurerContactReceipt> {
    return this.api.json('/api/insurer-contact', { method: 'POST', json: form });
  }
}
