import { describe, expect, it } from 'vitest';
import { certificateEffect, publicityEnds, reviewWindowOpen } from './score-reviews.rules';

const DAY = 86_400_000;
const published = new Date('2026-09-01T00:00:00Z');

describe('成绩复核 window (issue 17 item 4, R5.5 成绩公示)', () => {
  it('is open from the publication until the 公示期 ends, and only while scores are published', () => {
    const s = { status: 'scores_published', scores_published_at: published, publicity_days: 5 };
    expect(publicityEnds(s)).toEqual(new Date(published.getTime() + 5 * DAY));
    expect(reviewWindowOpen(s, new Date(published.getTime() + DAY))).toBe(true);
    expect(reviewWindowOpen(s, new Date(published.getTime() + 5 * DAY))).toBe(false);
    expect(reviewWindowOpen({ ...s, status: 'scores_entered', scores_published_at: null }, published)).toBe(false);
    expect(reviewWindowOpen({ ...s, status: 'closed' }, published)).toBe(false);
    expect(reviewWindowOpen({ ...s, publicity_days: 0 }, published)).toBe(false);
  });
});

describe('the certificate follows a corrected result (issue 17 item 4, R6.1, R6.3)', () => {
  it('revokes a certificate in force that is no longer passed; issues a missing one once the session was issued', () => {
    expect(certificateEffect({ certificate: 'valid', sessionIssued: true }, false)).toBe('revoke');
    expect(certificateEffect({ certificate: 'valid', sessionIssued: true }, true)).toBe('none');
    expect(certificateEffect({ certificate: 'none', sessionIssued: true }, true)).toBe('issue');
    // Before the session's issuance, the issuance itself includes the corrected candidate.
    expect(certificateEffect({ certificate: 'none', sessionIssued: false }, true)).toBe('none');
    expect(certificateEffect({ certificate: 'revoked', sessionIssued: true }, false)).toBe('none');
    expect(certificateEffect({ certificate: 'none', sessionIssued: true }, false)).toBe('none');
  });
});
