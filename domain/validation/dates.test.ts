import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDate, formatDateFr, formatDateTime, formatDateTimeFr, isCalendarDate, parseDateFr, todayInParis } from './dates.ts';

describe('dates', () => {
  it('says today in Paris, whatever the zone of the machine', () => {
    assert.equal(todayInParis(new Date('2026-11-21T23:30:00.000Z')), '2026-11-22', '00:30 in Paris is already the next day');
    assert.equal(todayInParis(new Date('2026-07-21T21:59:00.000Z')), '2026-07-21', 'summer time');
  });

  it('shows dates jj/mm/aaaa and instants jj/mm/aaaa hh:mm in Paris time', () => {
    assert.equal(formatDateFr('2020-11-25'), '25/11/2020');
    assert.equal(formatDateTimeFr('2020-11-24T23:02:00.000Z'), '25/11/2020 00:02');
  });

  it('shows dates day first in English too (dd/mm/yyyy, the order the forms read), never month first', () => {
    assert.equal(formatDate('2020-03-04', 'fr'), '04/03/2020');
    assert.equal(formatDate('2020-03-04', 'en'), '04/03/2020');
    assert.equal(formatDateTime('2020-07-03T22:30:00.000Z', 'en'), '04/07/2020 00:30', 'Paris summer time');
    assert.equal(formatDate('not a date', 'en'), 'not a date');
  });

  it('checks real calendar dates and reads what people type', () => {
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2023-02-29'), false);
    assert.equal(parseDateFr('25/11/2020'), '2020-11-25');
    assert.equal(parseDateFr('1/1/85'), '1985-01-01');
    assert.equal(parseDateFr('31/02/2020'), '');
  });
});
