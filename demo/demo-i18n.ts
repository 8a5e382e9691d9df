import type { Locale } from '../domain/index.ts';

/**
 * The host product's own words. The product chooses its language and hands it to the widgets
 * (the provider's `lang`); its own screens are its business, translated here with a small
 * dictionary: French is what index.html says, English is below.
 */
const ENGLISH: Record<string, string> = {
  title: 'Practice software — demo',
  'update.text': 'A new version is available',
  'update.reload': 'Reload',
  'role.label': 'Demo account',
  'role.submit': 'Sign in',
  'lang.label': 'Language',
  'theme.label': 'Theme',
  'theme.product': 'Software theme',
  'theme.contrast': 'High contrast (dark)',
  'patients.title': 'Today’s patients',
  'patients.hint': 'Choosing a patient opens Contact COVID on their files (searched by their NIR, on the server too for a pharmacy or a laboratory).',
  'main.title': 'Health Insurance teleservices',
  'offline.label': 'Simulate a network outage',
  signOut: 'Sign out',
  'services.label': 'Services',
  'services.ems': 'Secure medical exchanges',
  'services.delegations': 'Delegations',
  'services.insurer': 'Contact the Health Insurance',
  'services.account': 'My account',
  'services.sync': 'Synchronisation',
  'sync.title': 'Synchronisation of this device',
  'sync.hint':
    'What the device still has to send to the server, what the server refused and what was changed on both sides. Tick “Simulate a network outage” and change a file: it waits here until the network is back.',
  'session.title': 'Session',
  'hint.offline':
    'Try it offline: tick “Simulate a network outage”, create or change files, reload the page, then untick — everything goes to the server. Then switch to “Pharmacie Centrale” and choose the same patient of the day to find the contact by their NIR and record the mask delivery. Or really cut the network (stop npm run demo) and reload: the page still opens, signed in.',
  'hint.pharmacy':
    'Pharmacy and laboratory: “Pharmacie Centrale” has its own list (three files); choose DUPONT Marie, Dr Durand’s contact, to give her masks, or “New patient” with her NIR after a positive antigen test: her file opens and she becomes a patient zero. The laboratory finds her the same way for her sample. A patient of the day’s NIR in a new patient zero fills in the identity from the directory of insured people.',
  'hint.ems':
    'Secure medical exchanges: choose “Dr Claire Martin — CPS card”, tab “Secure medical exchanges”, “New exchange” (simulated Vitale card); then “Dr Anne Moreau — CPS card” (médecin conseil) to answer — Dr Martin gets an e-mail without the content.',
  'hint.delegation':
    'Delegation: choose “Dr Claire Martin — CPS card”, tab “Delegations”, create a delegation for remplacant@demo.test; open the invitation in the mailbox and accept; then choose “Dr Lucas Garnier — password” (the substitute) and “Act on behalf of Dr Claire Martin”. Her delegation to her accountant, Mrs Léa Fabre, is already validated: the pencil icon of its row opens “Update a delegation” (dates, structures); Mrs Fabre gets the e-mail. “M. Karim Benali — director’s card” (health-centre director) can delegate too; “Mme Chloé Bertin — CPE card” (medical assistant) signs in with her CPE card and acts on behalf of Dr Martin.',
  'mailbox.title': 'Demo mailbox',
  'mailbox.hint':
    'The e-mails and letters the server “sends” (address validation, password reset, temporary password, delegation invitations and answers): open one to follow its link or read the password of a letter.',
  'mailbox.refresh': 'Refresh',
};

/** What index.html says in French, read once, to come back to it. */
const french = new Map<Element, { text?: string; label?: string }>();

let current: Locale = 'fr';
const listeners = new Set<(locale: Locale) => void>();

export function hostLocale(): Locale {
  return current;
}

/** Calls `listener` with each new locale (the modules that write their own text re-render). */
export function onHostLocale(listener: (locale: Locale) => void): void {
  listeners.add(listener);
}

/** Text the demo's modules write themselves, in the host's language now. */
export function tr(french: string, english: string): string {
  return current === 'en' ? english : french;
}

/** Switches the product's own text, the page's `lang`, then tells the modules. */
export function applyHostLocale(locale: Locale): void {
  current = locale;
  document.documentElement.lang = locale;
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n], [data-i18n-aria-label]')) {
    if (!french.has(element)) french.set(element, { text: element.textContent ?? '', label: element.getAttribute('aria-label') ?? '' });
    const original = french.get(element)!;
    const textKey = element.dataset['i18n'];
    if (textKey) element.textContent = locale === 'en' ? (ENGLISH[textKey] ?? original.text!) : original.text!;
    const labelKey = element.dataset['i18nAriaLabel'];
    if (labelKey) element.setAttribute('aria-label', locale === 'en' ? (ENGLISH[labelKey] ?? original.label!) : original.label!);
  }
  for (const listener of listeners) listener(locale);
}
