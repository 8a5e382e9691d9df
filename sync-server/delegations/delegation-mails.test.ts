import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { delegationMails, type DelegationMailContext } from './delegation-mails.ts';

const context = (delegantGender: DelegationMailContext['delegantGender'], delegantName: string): DelegationMailContext => ({
  delegantName,
  delegantGender,
  delegantEmail: 'delegant@exemple.fr',
  delegateName: 'Dr Lucas Garnier',
  delegateEmail: 'remplacant@demo.test',
  profile: 'remplacant',
  validFrom: '2026-12-01',
  validUntil: '2026-12-31',
  structures: ['Cabinet Martin, 24 avenue Daumesnil 75012 PARIS'],
});

describe('delegation e-mails', () => {
  it('speak of the délégant with their own pronoun, and without one when it is unknown', () => {
    assert.match(delegationMails.deletedToDelegate(context('F', 'Dr Claire Martin')).body, /Dr Claire Martin a supprimé la délégation qu’elle vous a accordée\./);
    assert.match(delegationMails.validated(context('M', 'Dr Pierre Durand')).body, /Dr Pierre Durand a validé la délégation qu’il vous a attribuée\./);
    assert.match(delegationMails.deletedToDelegate(context('', 'Dr Sam Lenoir')).body, /Dr Sam Lenoir a supprimé la délégation qui vous a été accordée\./);
    assert.match(delegationMails.hasAccountToDelegate(context('F', 'Dr Claire Martin')).body, /auprès de Dr Claire Martin afin qu’elle puisse si besoin/);
  });

  it('are signed by the insurer, in the seed’s words', () => {
    for (const mail of [delegationMails.created(context('F', 'Dr Claire Martin')), delegationMails.refused(context('M', 'Dr Pierre Durand'))]) {
      assert.ok(mail.body.endsWith('\n\nAvec toute notre attention,\n\nL’Assurance Maladie'), mail.body);
      assert.doesNotMatch(mail.body, /équipe teleservices/);
    }
  });
});
