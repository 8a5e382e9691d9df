/**
 * Who has data on this device, and how much of it has not reached the server: one entry per local
 * database (a person, or a délégué acting for a délégant), kept in `localStorage` by the provider
 * while that person works. It lets the next person see that someone else's writes wait here (they
 * never leave under another session), and discard them on purpose. Names only: no health data.
 */
export interface DeviceAccount {
  /** The local database (`databaseNameFor`). */
  readonly database: string;
  readonly userId: string;
  /** How the person is named on screen (« Dr Claire Martin »). */
  readonly name: string;
  /** Documents whose local changes the server has not accepted yet (waiting or refused). */
  readonly unsent: number;
}

const STORAGE_KEY = 'teleservices.deviceAccounts';

function read(): DeviceAccount[] {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as DeviceAccount[]).filter((entry) => typeof entry?.database === 'string' && typeof entry.name === 'string') : [];
  } catch {
    return [];
  }
}

function write(accounts: readonly DeviceAccount[]): void {
  if (accounts.length === 0) localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, JSON.stringify(accounts));
}

export const deviceAccounts = {
  list(): DeviceAccount[] {
    return read();
  },
  /** Records (or updates) a person's entry; unchanged entries are not written again. */
  record(account: DeviceAccount): void {
    const accounts = read();
    const current = accounts.find((entry) => entry.database === account.database);
    if (current && current.unsent === account.unsent && current.name === account.name) return;
    write([...accounts.filter((entry) => entry.database !== account.database), account]);
  },
  forget(database: string): void {
    write(read().filter((entry) => entry.database !== database));
  },
};
