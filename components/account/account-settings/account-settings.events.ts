import type { AccountPreferences } from '../../../domain/account/account-schemas.ts';

/** A new address was asked for; its validation link is on its way. `detail.email` is the new address. */
export class AccountEmailChangeRequestedEvent extends Event {
  constructor(readonly detail: { email: string }) {
    super('account-email-change-requested', { bubbles: true, composed: true });
  }
}

/** The password was changed (the account's other sessions were closed by the server). */
export class AccountPasswordChangedEvent extends Event {
  constructor() {
    super('account-password-changed', { bubbles: true, composed: true });
  }
}

/** "Paramètres" were saved; `detail` is what the server kept (the host may switch its `lang`). */
export class AccountPreferencesSavedEvent extends Event {
  constructor(readonly detail: AccountPreferences) {
    super('account-preferences-saved', { bubbles: true, composed: true });
  }
}

/**
 * « Signaler une erreur »: the professional information is wrong; it is the insurer office's to
 * correct (« vous pouvez la signaler à votre CPAM »). `detail.office` is the code of the first
 * place's office ('' when none): the host opens `<insurer-contact-form office=…>`.
 */
export class AccountErrorReportRequestedEvent extends Event {
  constructor(readonly detail: { office: string }) {
    super('account-error-report-requested', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'account-email-change-requested': AccountEmailChangeRequestedEvent;
    'account-password-changed': AccountPasswordChangedEvent;
    'account-preferences-saved': AccountPreferencesSavedEvent;
    'account-error-report-requested': AccountErrorReportRequestedEvent;
  }
}
