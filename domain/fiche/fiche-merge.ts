import { SERVER_OWNED_FICHE_FIELDS } from './server-owned-fields.ts';

/**
 * Comparing and merging versions of a file, as the replication protocol needs on both sides.
 *
 * Only the fields a client owns are compared: the server-owned ones (`updatedAt`,
 * `declarantId`, …) change when the server stamps a write, and a second edit made before the
 * stamped copy came back must not count as a conflict. '', an empty list, an unticked box and
 * a missing field all mean "not given". Replication metadata (`_deleted`, `_meta`, `_rev`, `_attachments`) is ignored.
 */
type Doc = Readonly<Record<string, unknown>>;

const IGNORED = new Set<string>([...SERVER_OWNED_FICHE_FIELDS, '_deleted', '_meta', '_rev', '_attachments']);

/**
 * The tick boxes of the forms: unticked (`false`) says nothing more than absent. (The Oui / Non
 * questions — mask delivered, results wanted, identity shared — are not among them: « Non » is
 * an answer.)
 */
const TICK_BOXES = new Set<string>(['emailConsent', 'collectivityExposure', 'travel14Days', 'socialSupport', 'homeSampling', 'healthcareWorker', 'legalNotice', 'sameHousehold']);

/** Whether a field holds something: not empty, not an empty list, not an unticked box. */
function isGiven(key: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value) && value.length === 0) return false;
  return !(value === false && TICK_BOXES.has(key));
}

/** The names of the client-owned fields a document gives, sorted: the keys of `ficheClientState`. */
export function ficheClientFields(doc: Doc): string[] {
  return Object.keys(doc)
    .filter((key) => !IGNORED.has(key) && isGiven(key, doc[key]))
    .sort();
}

/** The client-owned fields of a document, in a canonical form (sorted keys, no empty values). */
export function ficheClientState(doc: Doc): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const key of Object.keys(doc).sort()) {
    if (!IGNORED.has(key) && isGiven(key, doc[key])) state[key] = doc[key];
  }
  return state;
}

function sameValue(key: string, a: unknown, b: unknown): boolean {
  if (!isGiven(key, a) && !isGiven(key, b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The client-owned fields whose value differs between two versions, sorted. */
export function changedFicheFields(previous: Doc, next: Doc): string[] {
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)]);
  return [...keys].filter((key) => !IGNORED.has(key) && !sameValue(key, previous[key], next[key])).sort();
}

/** Whether two versions agree on every client-owned field. */
export function sameFicheClientState(a: Doc, b: Doc): boolean {
  return changedFicheFields(a, b).length === 0;
}

export interface FieldConflict {
  readonly field: string;
  /** What this device wrote, kept so the user can see it and choose. */
  readonly local: unknown;
  /** What the server holds and what the merge keeps. */
  readonly remote: unknown;
}

export interface FicheMerge<T extends Doc> {
  /** Remote plus every field only the local side changed. */
  readonly merged: T;
  /** Fields both sides changed to different values: the server's value wins in `merged`. */
  readonly conflicts: readonly FieldConflict[];
}

/**
 * Three-way merge, field by field. `base` is the version both sides started from (the
 * assumed master state), `local` this device's version, `remote` the server's. A field changed
 * on one side only takes that side's value; a field changed on both sides to different values
 * keeps the server's and is reported, never dropped silently.
 */
export function mergeFiche<T extends Doc>(base: Doc | undefined, local: Doc, remote: T): FicheMerge<T> {
  const merged: Record<string, unknown> = { ...remote };
  const conflicts: FieldConflict[] = [];
  const keys = new Set([...Object.keys(local), ...Object.keys(remote), ...Object.keys(base ?? {})]);
  for (const field of [...keys].sort()) {
    if (IGNORED.has(field)) continue;
    const localValue = local[field];
    const remoteValue = remote[field];
    if (sameValue(field, localValue, remoteValue)) continue;
    const baseValue = base?.[field];
    const localChanged = base === undefined ? true : !sameValue(field, localValue, baseValue);
    const remoteChanged = base === undefined ? true : !sameValue(field, remoteValue, baseValue);
    if (localChanged && !remoteChanged) {
      if (isGiven(field, localValue)) merged[field] = localValue;
      else delete merged[field];
    } else if (localChanged && remoteChanged) {
      conflicts.push({ field, local: localValue, remote: remoteValue });
    }
  }
  return { merged: merged as T, conflicts };
}

/**
 * Whether two versions are the same document, server-owned fields included (replication
 * metadata aside): what a device needs to know to take the server's stamped copy.
 */
export function sameFicheDocument(a: Doc, b: Doc): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === '_meta' || key === '_rev' || key === '_attachments') continue;
    if (key === '_deleted' ? Boolean(a[key]) !== Boolean(b[key]) : !sameValue(key, a[key], b[key])) return false;
  }
  return true;
}
