import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ficheClientState, mergeFiche, sameFicheClientState } from './fiche-merge.ts';

const base = { id: 'pc-1', kind: 'contact', status: 'pc_a_contacter', lastName: 'Martin', phone: '0612345678', diagnosis: 'en_attente', updatedAt: '2026-11-22T09:00:00.000Z' };

describe('comparing versions of a file', () => {
  it('ignores server-owned fields and replication metadata', () => {
    const stamped = { ...base, updatedAt: '2026-11-22T09:00:01.000Z', declarantId: 'u-1', _deleted: false, _meta: { lwt: 1 }, _rev: '1-a' };
    assert.equal(sameFicheClientState(base, stamped), true);
    assert.deepEqual(Object.keys(ficheClientState(stamped)), ['diagnosis', 'id', 'kind', 'lastName', 'phone', 'status']);
  });

  it('treats an empty string like a missing field, but not false', () => {
    assert.equal(sameFicheClientState({ ...base, email: '' }, base), true);
    assert.equal(sameFicheClientState({ ...base, maskDelivered: false }, base), false);
  });

  it('sees a change to a client-owned field', () => {
    assert.equal(sameFicheClientState({ ...base, diagnosis: 'rt_pcr_positif' }, base), false);
  });
});

describe('three-way merge of a file', () => {
  it('keeps both sides’ changes to different fields (the pharmacist’s mask and the doctor’s diagnosis)', () => {
    const pharmacist = { ...base, maskDelivered: true };
    const doctor = { ...base, diagnosis: 'rt_pcr_negatif', updatedAt: '2026-11-22T09:05:00.000Z' };
    const { merged, conflicts } = mergeFiche(base, pharmacist, doctor);
    assert.deepEqual(conflicts, []);
    assert.equal((merged as Record<string, unknown>)['maskDelivered'], true);
    assert.equal(merged.diagnosis, 'rt_pcr_negatif');
    assert.equal(merged.updatedAt, '2026-11-22T09:05:00.000Z', 'server-owned fields come from the server');
  });

  it('keeps the server’s value of a field both changed and reports the local one', () => {
    const local = { ...base, phone: '0700000000' };
    const remote = { ...base, phone: '0611111111' };
    const { merged, conflicts } = mergeFiche(base, local, remote);
    assert.equal(merged.phone, '0611111111');
    assert.deepEqual(conflicts, [{ field: 'phone', local: '0700000000', remote: '0611111111' }]);
  });

  it('does not call it a conflict when both made the same change', () => {
    const { conflicts } = mergeFiche(base, { ...base, phone: '0700000000' }, { ...base, phone: '0700000000' });
    assert.deepEqual(conflicts, []);
  });

  it('applies a local clearing of a field the server did not touch', () => {
    const { merged } = mergeFiche(base, { ...base, phone: '' }, { ...base, diagnosis: 'probable' });
    assert.equal('phone' in merged, false);
    assert.equal(merged.diagnosis, 'probable');
  });

  it('without a common base, reports every differing field', () => {
    const { merged, conflicts } = mergeFiche(undefined, { ...base, phone: '0700000000' }, base);
    assert.equal(merged.phone, '0612345678');
    assert.deepEqual(conflicts.map((c) => c.field), ['phone']);
  });
});

describe('same document, server fields included', () => {
  it('sees the server’s stamp as a difference, but not metadata or empty strings', async () => {
    const { sameFicheDocument } = await import('./fiche-merge.ts');
    assert.equal(sameFicheDocument(base, { ...base, updatedAt: '2026-11-22T09:00:01.000Z' }), false);
    assert.equal(sameFicheDocument(base, { ...base, _meta: { lwt: 2 }, _rev: '2-b', email: '' }), true);
    assert.equal(sameFicheDocument({ ...base, _deleted: false }, base), true);
    assert.equal(sameFicheDocument({ ...base, _deleted: true }, base), false);
  });
});
