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

function renderMessage(message: OutboxMessage): HTMLElement {
  const item = document.createElement('li');
  item.className = `message ${message.channel}`;
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  const when = new Date(message.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
  summary.textContent = `${message.channel === 'post' ? '📮 Courrier' : '✉️ E-mail'} · ${when} · ${message.recipient.split('\n')[0]} — ${message.subject}`;
  const envelope = document.createElement('p');
  envelope.className = 'recipient';
  envelope.textContent = `${message.channel === 'post' ? 'Adresse' : 'À'} : ${message.recipient.replace(/\n/g, ', ')}`;
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
  async function refresh(): Promise<void> {
    try {
      const response = await fetch('/api/demo/outbox', { cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      const { messages } = (await response.json()) as { messages: OutboxMessage[] };
      const newest = messages[0]?.seq ?? 0;
      if (newest === lastSeq) return;
      lastSeq = newest;
      list.replaceChildren(...messages.map(renderMessage));
      status.textContent = messages.length === 0 ? 'Aucun message pour l’instant.' : `${messages.length} message(s), le plus récent en premier.`;
    } catch {
      status.textContent = 'Boîte aux lettres indisponible (serveur injoignable, ou lancé sans DEMO_MAILBOX=1).';
    }
  }
  container.querySelector('button')!.addEventListener('click', () => void refresh());
  void refresh();
  setInterval(refresh, 4000);
}
