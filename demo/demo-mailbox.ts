import { formatDateTime } from '../domain/index.ts';
import { hostLocale, onHostLocale, tr } from './demo-i18n.ts';

/**
 * The demo's mailbox: what the sync server "sent" (e-mails and postal letters of its outbox,
 * read through `GET /api/demo/outbox`, open only with DEMO_MAILBOX=1), so that a person trying
 * the demo can open the validation and reset links and read the temporary password of a letter.
 */
interface OutboxMessage {
  readonly seq: number;
  readonly createdAt: string;
  readonly channel: 'email' | 'post';
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
}

/** The body as text, with its links clickable (built with DOM nodes: nothing is parsed as HTML). */
function bodyWithLinks(body: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of body.matchAll(/https?:\/\/\S+/g)) {
    fragment.append(body.slice(last, match.index));
    const link = document.createElement('a');
    link.href = match[0];
    link.textContent = match[0];
    fragment.append(link);
    last = match.index! + match[0].length;
  }
  fragment.append(body.slice(last));
  return fragment;
}

/** The messages the reader opened (by seq): a refresh or a language switch keeps them open. */
const opened = new Set<number>();

function renderMessage(message: OutboxMessage): HTMLElement {
  const item = document.createElement('li');
  item.className = `message ${message.channel}`;
  const details = document.createElement('details');
  details.open = opened.has(message.seq);
  details.addEventListener('toggle', () => (details.open ? opened.add(message.seq) : opened.delete(message.seq)));
  const summary = document.createElement('summary');
  const when = formatDateTime(message.createdAt, hostLocale());
  summary.textContent = `${message.channel === 'post' ? tr('📮 Courrier', '📮 Letter') : '✉️ E-mail'} · ${when} · ${message.recipient.split('\n')[0]} — ${message.subject}`;
  const envelope = document.createElement('p');
  envelope.className = 'recipient';
  envelope.textContent = `${message.channel === 'post' ? tr('Adresse :', 'Address:') : tr('À :', 'To:')} ${message.recipient.replace(/\n/g, ', ')}`;
  const body = document.createElement('pre');
  body.append(bodyWithLinks(message.body));
  details.append(summary, envelope, body);
  item.append(details);
  return item;
}

export function mountDemoMailbox(container: HTMLElement): void {
  const list = container.querySelector('ul')!;
  const status = container.querySelector<HTMLElement>('[role="status"]')!;
  let lastSeq = -1;
  /** `undefined` until the first answer, `null` when the mailbox cannot be read. */
  let messages: OutboxMessage[] | null | undefined;
  function draw(): void {
    if (messages === undefined) return;
    if (messages === null) {
      status.textContent = tr('Boîte aux lettres indisponible (serveur injoignable, ou lancé sans DEMO_MAILBOX=1).', 'Mailbox unavailable (server out of reach, or started without DEMO_MAILBOX=1).');
      return;
    }
    list.replaceChildren(...messages.map(renderMessage));
    status.textContent =
      messages.length === 0
        ? tr('Aucun message pour l’instant.', 'No message yet.')
        : tr(`${messages.length} message(s), le plus récent en premier.`, `${messages.length} message(s), newest first.`);
  }
  async function refresh(): Promise<void> {
    try {
      const response = await fetch('/api/demo/outbox', { cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      const answer = (await response.json()) as { messages: OutboxMessage[] };
      const newest = answer.messages[0]?.seq ?? 0;
      if (newest === lastSeq && messages) return;
      lastSeq = newest;
      messages = answer.messages;
    } catch {
      messages = null;
      lastSeq = -1;
    }
    draw();
  }
  container.querySelector('button')!.addEventListener('click', () => void refresh());
  onHostLocale(draw);
  void refresh();
  setInterval(refresh, 4000);
}
