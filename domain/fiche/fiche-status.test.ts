import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FICHE_STATUSES,
  FICHE_STATUS_DEFINITIONS,
  FICHE_TRANSITIONS,
  checkFicheChange,
  checkFicheTransition,
  ficheStatusLabel,
  manualTargetsFor,
  settleFicheStatus,
  transitionMessage,
} from './fiche-status.ts';

describe('Contact COVID status machine — data', () => {
  it('labels the three statuses the seeds show exactly as the service does', () => {
    assert.equal(ficheStatusLabel('p0_confirme_a_trouver'), 'P0 - Confirmé - À trouver');
    assert.equal(ficheStatusLabel('pc_contact_a_trouver'), 'PC - Contact à trouver');
    assert.equal(ficheStatusLabel('pc_a_contacter'), 'PC - À contacter');
    assert.equal(ficheStatusLabel('brouillon'), 'Brouillon');
    assert.equal(ficheStatusLabel('pc_a_contacter', 'en'), 'PC - To be contacted');
  });

  it('only uses declared statuses, each transition staying within one kind or promoting to P0', () => {
    for (const t of FICHE_TRANSITIONS) {
      assert.ok(FICHE_STATUSES.includes(t.from) && FICHE_STATUSES.includes(t.to), `${t.from}→${t.to}`);
      const fromKinds = FICHE_STATUS_DEFINITIONS[t.from].kinds;
      const toKinds = FICHE_STATUS_DEFINITIONS[t.to].kinds;
      const sameKind = toKinds.some((k) => fromKinds.includes(k));
      assert.ok(sameKind || t.event === 'promouvoir', `${t.event}: ${t.from}→${t.to}`);
    }
  });

  it('never leads back to draft, and every status but the draft is reachable', () => {
    assert.equal(FICHE_TRANSITIONS.some((t) => t.to === 'brouillon'), false);
    const reachable = new Set<string>(['brouillon']);
    for (const t of FICHE_TRANSITIONS) reachable.add(t.to);
    assert.deepEqual([...reachable].sort(), [...FICHE_STATUSES].sort());
  });

  it('leaves closed files with no way out but the promotion of a closed contact', () => {
    assert.deepEqual(FICHE_TRANSITIONS.filter((t) => t.from === 'p0_cloture'), []);
    assert.deepEqual(
      FICHE_TRANSITIONS.filter((t) => t.from === 'pc_cloture').map((t) => t.event),
      ['promouvoir'],
    );
  });
});

describe('Contact COVID status machine — automatic rules', () => {
  it('keeps a draft a draft', () => {
    assert.deepEqual(settleFicheStatus(null, { kind: 'patient_zero', status: 'brouillon' }), { kind: 'patient_zero', status: 'brouillon' });
  });

  it('validates a patient zéro into P0 - Confirmé - À trouver', () => {
    const previous = { kind: 'patient_zero' as const, status: 'brouillon' as const };
    assert.deepEqual(settleFicheStatus(previous, { kind: 'patient_zero', status: 'p0_confirme_a_trouver' }), {
      kind: 'patient_zero',
      status: 'p0_confirme_a_trouver',
    });
  });

  it('makes a contact with a phone “À contacter”, without one “Contact à trouver”', () => {
    assert.equal(settleFicheStatus(null, { kind: 'contact', status: 'pc_contact_a_trouver', phone: '0143000000' }).status, 'pc_a_contacter');
    assert.equal(settleFicheStatus(null, { kind: 'contact', status: 'pc_a_contacter', phone: '' }).status, 'pc_contact_a_trouver');
    const found = { kind: 'contact' as const, status: 'pc_contact_a_trouver' as const };
    assert.equal(settleFicheStatus(found, { ...found, phone: '0612345678' }).status, 'pc_a_contacter');
  });

  it('leaves a contact the platform reached alone when its phone changes', () => {
    const reached = { kind: 'contact' as const, status: 'pc_contacte' as const, phone: '0612345678' };
    assert.equal(settleFicheStatus(reached, { ...reached, phone: '' }).status, 'pc_contacte');
  });

  it('promotes a validated contact whose diagnosis turns positive or probable', () => {
    const contact = { kind: 'contact' as const, status: 'pc_a_contacter' as const, phone: '0612345678' };
    for (const diagnosis of ['rt_pcr_positif', 'antigenique_positif', 'probable'] as const) {
      assert.deepEqual(settleFicheStatus(contact, { ...contact, diagnosis }), { kind: 'patient_zero', status: 'p0_confirme_a_trouver' }, diagnosis);
    }
    for (const diagnosis of ['rt_pcr_negatif', 'en_attente', ''] as const) {
      assert.deepEqual(settleFicheStatus(contact, { ...contact, diagnosis }), { kind: 'contact', status: 'pc_a_contacter' }, diagnosis);
    }
  });
});

describe('Contact COVID status machine — who may move what', () => {
  it('lets field roles create drafts and validated files, not the biologist or the médecin conseil', () => {
    for (const role of ['medecin', 'pharmacien', 'directeur_cds', 'agent_plateforme'] as const) {
      assert.equal(checkFicheTransition(null, 'brouillon', role).allowed, true, role);
      assert.equal(checkFicheTransition(null, 'p0_confirme_a_trouver', role).allowed, true, role);
    }
    assert.equal(checkFicheTransition(null, 'pc_a_contacter', 'biologiste').allowed, false);
    assert.equal(checkFicheTransition(null, 'p0_confirme_a_trouver', 'medecin_conseil').allowed, false);
  });

  it('refuses creating a file directly in a platform state', () => {
    const check = checkFicheTransition(null, 'pc_contacte', 'agent_plateforme');
    assert.equal(check.allowed, false);
  });

  it('keeps the platform’s moves for the platform agent, with a French reason for others', () => {
    assert.equal(checkFicheTransition('pc_a_contacter', 'pc_contacte', 'agent_plateforme').allowed, true);
    const refused = checkFicheTransition('pc_a_contacter', 'pc_contacte', 'medecin');
    assert.equal(refused.allowed, false);
    if (!refused.allowed) {
      assert.equal(transitionMessage(refused), 'Votre profil ne permet pas de passer la fiche de « PC - À contacter » à « PC - Contacté ».');
    }
    assert.deepEqual(manualTargetsFor('pc_a_contacter', 'agent_plateforme'), ['pc_contacte', 'pc_injoignable']);
    assert.deepEqual(manualTargetsFor('pc_a_contacter', 'medecin'), []);
  });

  it('refuses going back to draft once validated', () => {
    const check = checkFicheTransition('p0_confirme_a_trouver', 'brouillon', 'medecin');
    assert.equal(check.allowed, false);
    if (!check.allowed) assert.equal(check.code, 'transition.notAllowed');
  });

  it('allows staying in the same status (an ordinary edit)', () => {
    assert.equal(checkFicheTransition('pc_a_contacter', 'pc_a_contacter', 'biologiste').allowed, true);
  });
});

describe('checkFicheChange — the rule both the widgets and the server apply', () => {
  it('promotes a contact with a positive result for a pharmacist', () => {
    const previous = { kind: 'contact' as const, status: 'pc_a_contacter' as const, phone: '0612345678' };
    const { result, check } = checkFicheChange(previous, { ...previous, diagnosis: 'antigenique_positif' }, 'pharmacien');
    assert.deepEqual(result, { kind: 'patient_zero', status: 'p0_confirme_a_trouver' });
    assert.equal(check.allowed, true);
    if (check.allowed) assert.equal(check.event, 'promouvoir');
  });

  it('refuses a hand-made promotion without a positive diagnosis', () => {
    const previous = { kind: 'contact' as const, status: 'pc_a_contacter' as const };
    const { check } = checkFicheChange(previous, { kind: 'patient_zero', status: 'p0_confirme_a_trouver', diagnosis: 'rt_pcr_negatif' }, 'medecin');
    assert.equal(check.allowed, false);
    if (!check.allowed) assert.equal(check.code, 'transition.promotionDiagnosis');
  });

  it('validates a patient zéro only with a positive or probable diagnosis: a negative test creates nothing', () => {
    for (const diagnosis of ['rt_pcr_negatif', ''] as const) {
      const { check } = checkFicheChange(null, { kind: 'patient_zero', status: 'p0_confirme_a_trouver', diagnosis }, 'pharmacien');
      assert.equal(check.allowed, false, diagnosis);
      if (!check.allowed) {
        assert.equal(check.field, 'diagnosis');
        assert.match(transitionMessage(check), /un test négatif ne crée pas de fiche/);
      }
    }
    assert.equal(checkFicheChange(null, { kind: 'patient_zero', status: 'brouillon', diagnosis: 'en_attente' }, 'medecin').check.allowed, true, 'a draft may wait for the result');
    // « En attente du résultat de test », offered by the guides: VALIDER keeps it, as a draft.
    const waiting = checkFicheChange(null, { kind: 'patient_zero', status: 'p0_confirme_a_trouver', diagnosis: 'en_attente' }, 'pharmacien');
    assert.equal(waiting.check.allowed, true);
    assert.deepEqual(waiting.result, { kind: 'patient_zero', status: 'brouillon' });
    const waitingDraft = { kind: 'patient_zero' as const, status: 'brouillon' as const, diagnosis: 'en_attente' as const };
    assert.deepEqual(checkFicheChange(waitingDraft, { ...waitingDraft, status: 'p0_confirme_a_trouver' }, 'medecin').result.status, 'brouillon');
    assert.deepEqual(checkFicheChange(waitingDraft, { ...waitingDraft, status: 'p0_confirme_a_trouver', diagnosis: 'rt_pcr_positif' }, 'medecin').result.status, 'p0_confirme_a_trouver');
    const draft = { kind: 'patient_zero' as const, status: 'brouillon' as const };
    assert.equal(checkFicheChange(draft, { ...draft, status: 'p0_confirme_a_trouver', diagnosis: 'antigenique_positif' }, 'pharmacien').check.allowed, true);
    const validated = { kind: 'patient_zero' as const, status: 'p0_confirme_a_trouver' as const, diagnosis: 'rt_pcr_positif' as const };
    assert.equal(checkFicheChange(validated, { ...validated, diagnosis: 'rt_pcr_negatif' }, 'medecin').check.allowed, true, 'a later correction is an ordinary edit');
  });

  it('never turns a patient zéro back into a contact', () => {
    const previous = { kind: 'patient_zero' as const, status: 'p0_confirme_a_trouver' as const };
    const { check } = checkFicheChange(previous, { kind: 'contact', status: 'pc_a_contacter', phone: '0612345678' }, 'medecin');
    assert.equal(check.allowed, false);
    if (!check.allowed) assert.equal(check.code, 'transition.kindChange');
  });

  it('refuses a biologist’s sampling record that would promote (only field roles promote)', () => {
    const previous = { kind: 'contact' as const, status: 'pc_a_contacter' as const, phone: '0612345678' };
    const { check } = checkFicheChange(previous, { ...previous, diagnosis: 'rt_pcr_positif' }, 'biologiste');
    assert.equal(check.allowed, false);
  });
});
