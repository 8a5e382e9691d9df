import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APPROVAL_LABELS, CONTRACT_STATUS_LABELS, checkFicheChange, isValidNir, parseApprovals, validateAmNumber, validateFiche, validateFiness, validateRpps, type Role } from '../../domain/index.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { DEMO_FICHES, DEMO_INSURED_PEOPLE } from './seed-demo-fiches.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { createTempDatabase } from '../testing/temp-database.ts';
import { DEMO_DELEGATES } from './seed-demo-delegations.ts';
import { DEMO_FORMER_ACCOUNTS, DEMO_FORMER_STRUCTURES } from './seed-demo-former-accounts.ts';
import { DEMO_GROUP_ACCOUNTS, DEMO_GROUP_STRUCTURES } from './seed-demo-group-practice.ts';
import { DEMO_PROFESSIONAL_INFORMATION } from './seed-demo-professional-information.ts';
import { DEMO_ACCOUNTS, DEMO_STRUCTURES, seedDemo } from './seed-demo.ts';

describe('demo seed', () => {
  it('creates the six demo accounts of the README with hashed passwords, once', async () => {
    const temp = createTempDatabase();
    try {
      assert.equal(await seedDemo(temp.db), true);
      const users = temp.db.prepare('SELECT email, role, password_hash FROM users ORDER BY email').all() as {
        email: string;
        role: string;
        password_hash: string;
      }[];
      assert.deepEqual(
        users.map((u) => u.email),
        [
          'assistante.medicale@demo.test',
          'cds.daumesnil@demo.test',
          'comptable@demo.test',
          'conseil@demo.test',
          'dr.durand@demo.test',
          'dr.martin@demo.test',
          'labo.bio@demo.test',
          'labo.coteaux@demo.test',
          'officine.gare@demo.test',
          'pharmacie.centrale@demo.test',
          'pharmacie.gare@demo.test',
          'pharmacie.halles@demo.test',
          'remplacant@demo.test',
          'secretariat.tilleuls@demo.test',
          'secretariat.tilleuls@demo.test',
        ],
      );
      const martin = users.find((u) => u.email === 'dr.martin@demo.test')!;
      assert.doesNotMatch(martin.password_hash, /Medecin/);
      assert.equal(await verifyPassword('Medecin#2026', martin.password_hash), true);
      assert.equal(await verifyPassword('medecin#2026', martin.password_hash), false);
      assert.equal(await seedDemo(temp.db), false, 'a second run adds nothing');
      assert.equal((temp.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n, DEMO_ACCOUNTS.length + DEMO_DELEGATES.length + DEMO_GROUP_ACCOUNTS.length + DEMO_FORMER_ACCOUNTS.length + 1);
    } finally {
      temp.dispose();
    }
  });

  it('gives Dr Martin a validated delegation to her accountant, from today for three months, to update (« Mise à jour d’une délégation »)', async () => {
    const demo = await createDemoApp();
    try {
      const accountant = await demo.signIn('comptable@demo.test', 'Compta#2026');
      const received = (await (await demo.request('/api/replication/delegations/pull?limit=10', { token: accountant })).json()) as { documents: Record<string, unknown>[] };
      assert.equal(received.documents.length, 1);
      const [delegation] = received.documents;
      assert.deepEqual([delegation!['delegantName'], delegation!['profile'], delegation!['status']], ['Dr Claire Martin', 'comptable', 'validee']);
      const days = (Date.parse(String(delegation!['validUntil'])) - Date.parse(String(delegation!['validFrom']))) / 86_400_000;
      assert.equal(days, 90);
      const martin = (await (await demo.request('/api/auth/cps', { method: 'POST', json: { card: { rpps: '10001234565', code: '1234' } } })).json()) as { token: string };
      const updated = await demo.request('/api/delegations/d-demo-comptable/update', { method: 'POST', token: martin.token, json: { validFrom: delegation!['validFrom'], validUntil: '2099-06-30', structureIds: ['s-cabinet-martin'] } });
      assert.equal(updated.status, 200);
    } finally {
      demo.dispose();
    }
  });

  it('puts Dr Martin in Cabinet Martin (AM 631994977) and the remplaçant in no practice', async () => {
    const temp = createTempDatabase();
    try {
      await seedDemo(temp.db);
      const rows = temp.db
        .prepare('SELECT u.email, s.name, s.am_number FROM user_structures us JOIN users u ON u.id = us.user_id JOIN structures s ON s.id = us.structure_id')
        .all() as { email: string; name: string; am_number: string | null }[];
      assert.deepEqual(rows.find((r) => r.email === 'dr.martin@demo.test'), { email: 'dr.martin@demo.test', name: 'Cabinet Martin', am_number: '631994977' });
      assert.equal(rows.some((r) => r.email === 'remplacant@demo.test'), false);
      assert.notEqual(rows.find((r) => r.email === 'dr.durand@demo.test')?.name, 'Cabinet Martin');
    } finally {
      temp.dispose();
    }
  });

  it('uses identifiers that pass the domain validators', () => {
    for (const s of DEMO_GROUP_STRUCTURES) assert.equal(validateAmNumber(s.amNumber).valid, true, s.amNumber);
    for (const a of DEMO_GROUP_ACCOUNTS) assert.equal(validateRpps(a.rpps).valid, true, a.rpps);
    for (const s of DEMO_FORMER_STRUCTURES) assert.equal(validateFiness(s.finess).valid, true, s.finess);
    for (const a of DEMO_FORMER_ACCOUNTS) assert.equal(validateRpps(a.rpps).valid, true, a.rpps);
    for (const s of DEMO_STRUCTURES) {
      if (s.amNumber) assert.equal(validateAmNumber(s.amNumber).valid, true, s.amNumber);
      if (s.finess) assert.equal(validateFiness(s.finess).valid, true, s.finess);
    }
  });

  it('gives a visitor files to try: valid, in the status the rules give them, in the pharmacy’s list and the doctor’s', async () => {
    for (const { daysAgo, declarantId, structureId, ...fiche } of DEMO_FICHES) {
      const validation = validateFiche(fiche);
      assert.equal(validation.success, true, `${fiche.id}: ${JSON.stringify(validation.success ? null : validation.issues)}`);
      const role: Role = declarantId === 'u-durand' ? 'medecin' : 'pharmacien';
      const { result, check } = checkFicheChange(null, fiche, role);
      assert.equal(check.allowed, true, fiche.id);
      assert.deepEqual(result, { kind: fiche.kind, status: fiche.status }, fiche.id);
    }
    for (const person of DEMO_INSURED_PEOPLE) assert.equal(isValidNir(person.nir), true, person.nir);
    const demo = await createDemoApp({ fiches: true });
    try {
      const pull = async (email: string, password: string) => {
        const response = await demo.request('/api/replication/fiches/pull?limit=100', { token: await demo.signIn(email, password) });
        return ((await response.json()) as { documents: { id: string }[] }).documents.map((d) => d.id).sort();
      };
      assert.deepEqual(await pull('pharmacie.centrale@demo.test', 'Pharma#2026'), ['demo-p0-girard', 'demo-p0-robin', 'demo-pc-girard']);
      assert.deepEqual(await pull('dr.durand@demo.test', 'Medecin#2026'), ['demo-p0-morel', 'demo-pc-dupont', 'demo-pc-morel']);
      assert.deepEqual(await pull('labo.bio@demo.test', 'Biolog#2026'), [], 'the biologist finds the contact to sample by NIR');
      const search = await demo.request('/api/fiches/search?nir=285017511234512', { token: await demo.signIn('labo.bio@demo.test', 'Biolog#2026') });
      assert.deepEqual(((await search.json()) as { documents: { id: string }[] }).documents.map((d) => d.id), ['demo-pc-dupont']);
    } finally {
      demo.dispose();
    }
  });

  it('gives a demo database seeded before them the three former pharmacy and laboratory accounts to migrate and the administrative account of the Pharmacie de la Gare, once', async () => {
    const temp = createTempDatabase();
    try {
      await seedDemo(temp.db, new Date(), { fiches: false });
      const ids = "('u-pharmacie-halles', 'u-labo-coteaux', 'u-pharmacie-gare', 'u-pharmacie-gare-admin')";
      temp.db.prepare(`DELETE FROM user_structures WHERE user_id IN ${ids}`).run();
      temp.db.prepare(`DELETE FROM users WHERE id IN ${ids}`).run();
      temp.db.prepare("DELETE FROM directory_memberships WHERE professional_id IN ('p-roche', 'p-faure', 'p-leclerc')").run();
      temp.db.prepare("DELETE FROM directory_professionals WHERE id IN ('p-roche', 'p-faure', 'p-leclerc')").run();
      temp.db.prepare("DELETE FROM structures WHERE id IN ('s-pharmacie-halles', 's-labo-coteaux', 's-pharmacie-gare')").run();
      await seedDemo(temp.db, new Date(), { fiches: false });
      await seedDemo(temp.db, new Date(), { fiches: false });
      const rows = temp.db.prepare(`SELECT u.id, u.account_kind AS kind, s.finess FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id WHERE u.id IN ${ids} ORDER BY u.id`).all();
      assert.deepEqual(rows, [
        { id: 'u-labo-coteaux', kind: 'ancien', finess: '330123456' },
        { id: 'u-pharmacie-gare', kind: 'ancien', finess: '690045679' },
        { id: 'u-pharmacie-gare-admin', kind: 'administratif', finess: '690045679' },
        { id: 'u-pharmacie-halles', kind: 'ancien', finess: '750012346' },
      ]);
    } finally {
      temp.dispose();
    }
  });

  it('gives a demo database seeded before it the group practice whose two doctors share one e-mail, once', async () => {
    const temp = createTempDatabase();
    try {
      await seedDemo(temp.db, new Date(), { fiches: false });
      temp.db.prepare("DELETE FROM user_structures WHERE user_id IN ('u-leroy', 'u-colin')").run();
      temp.db.prepare("DELETE FROM users WHERE id IN ('u-leroy', 'u-colin')").run();
      temp.db.prepare("DELETE FROM directory_memberships WHERE professional_id IN ('p-leroy', 'p-colin')").run();
      temp.db.prepare("DELETE FROM directory_professionals WHERE id IN ('p-leroy', 'p-colin')").run();
      temp.db.prepare("DELETE FROM structures WHERE id LIKE 's-cabinet-leroy%' OR id = 's-cabinet-colin'").run();
      await seedDemo(temp.db, new Date(), { fiches: false });
      await seedDemo(temp.db, new Date(), { fiches: false });
      const rows = temp.db.prepare("SELECT u.id, s.am_number FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id WHERE u.email = 'secretariat.tilleuls@demo.test' ORDER BY s.am_number").all();
      assert.deepEqual(rows, [
        { id: 'u-leroy', am_number: '752012344' },
        { id: 'u-colin', am_number: '752056788' },
        { id: 'u-leroy', am_number: '931012348' },
      ]);
    } finally {
      temp.dispose();
    }
  });

  it('gives every place of every demo account a phone, and every professional of the directory a known contract status and approvals', async () => {
    const temp = createTempDatabase();
    try {
      await seedDemo(temp.db, new Date(), { fiches: false });
      const places = temp.db.prepare('SELECT DISTINCT s.id, s.phone, s.approvals FROM structures s JOIN user_structures us ON us.structure_id = s.id').all() as { id: string; phone: string; approvals: string }[];
      assert.ok(places.length >= 9);
      for (const place of places) {
        assert.match(place.phone, /^(0\d( \d\d){4}|3608)$/, place.id);
        for (const code of parseApprovals(place.approvals)) assert.ok(APPROVAL_LABELS[code], `${place.id}: ${code}`);
      }
      const professionals = temp.db.prepare('SELECT id, contract_status AS contractStatus, approvals FROM directory_professionals').all() as { id: string; contractStatus: string; approvals: string }[];
      assert.deepEqual(professionals.map((p) => p.id).sort(), Object.keys(DEMO_PROFESSIONAL_INFORMATION).sort(), 'each professional has its line');
      for (const p of professionals) {
        assert.ok(p.contractStatus === '' || CONTRACT_STATUS_LABELS[p.contractStatus], `${p.id}: ${p.contractStatus}`);
        for (const code of parseApprovals(p.approvals)) assert.ok(APPROVAL_LABELS[code], `${p.id}: ${code}`);
      }
    } finally {
      temp.dispose();
    }
  });

  it('gives a demo database seeded before it the professional information once, keeping what was changed since', async () => {
    const temp = createTempDatabase();
    try {
      await seedDemo(temp.db, new Date(), { fiches: false });
      temp.db.exec("UPDATE directory_professionals SET contract_status = '', approvals = '[]'; UPDATE structures SET phone = '', approvals = '[]'");
      temp.db.exec("UPDATE structures SET phone = '01 40 00 00 00' WHERE id = 's-cabinet-durand'");
      await seedDemo(temp.db, new Date(), { fiches: false });
      const read = (sql: string) => temp.db.prepare(sql).get();
      assert.deepEqual(read("SELECT contract_status, approvals FROM directory_professionals WHERE id = 'p-martin'"), { contract_status: 'secteur_1', approvals: '["radio"]' });
      assert.deepEqual(read("SELECT phone FROM structures WHERE id = 's-cabinet-martin'"), { phone: '01 43 07 12 34' });
      assert.deepEqual(read("SELECT phone FROM structures WHERE id = 's-cabinet-durand'"), { phone: '01 40 00 00 00' }, 'a phone changed since is kept');
    } finally {
      temp.dispose();
    }
  });

  it('gives a demo database seeded before them the insured people and the demo files, once', async () => {
    const temp = createTempDatabase();
    try {
      await seedDemo(temp.db, new Date(), { fiches: false });
      temp.db.prepare('DELETE FROM insured_people').run();
      assert.equal(await seedDemo(temp.db), true, 'topped up');
      assert.equal((temp.db.prepare('SELECT COUNT(*) AS n FROM insured_people').get() as { n: number }).n, DEMO_INSURED_PEOPLE.length);
      assert.equal((temp.db.prepare('SELECT COUNT(*) AS n FROM fiches').get() as { n: number }).n, DEMO_FICHES.length);
      assert.equal(await seedDemo(temp.db), false, 'once');
      assert.equal((temp.db.prepare('SELECT COUNT(*) AS n FROM fiches').get() as { n: number }).n, DEMO_FICHES.length);
    } finally {
      temp.dispose();
    }
  });
});
