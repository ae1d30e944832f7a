import { describe, expect, it } from 'vitest';
import { type FilingNoticeInput, filingNotices } from './notifications.rules';

const base: Omit<FilingNoticeInput, 'action' | 'from' | 'to'> = {
  needsMunicipalReview: false,
  decision: null,
  schoolName: '某职业学院',
  certificateName: 'BIM',
  comment: null,
};
const who = (i: Partial<FilingNoticeInput> & Pick<FilingNoticeInput, 'action' | 'from' | 'to'>) =>
  filingNotices({ ...base, ...i }).map((n) => `${n.audience}:${n.kind}`);

describe('R3.11 who hears of a filing step (pure)', () => {
  it('a 中职 submission waits for the city, any other for the province', () => {
    expect(who({ action: 'submit', from: 'draft', to: 'submitted', needsMunicipalReview: true })).toEqual([
      'school:filing_status',
      'city:filing_awaits_municipal',
    ]);
    expect(who({ action: 'submit', from: 'returned', to: 'submitted' })).toEqual([
      'school:filing_status',
      'province:filing_awaits_province',
    ]);
  });

  it('reaching provincial review tells the province and the school', () => {
    expect(who({ action: 'municipal_approve', from: 'municipal_review', to: 'provincial_review', needsMunicipalReview: true })).toEqual([
      'school:filing_status',
      'province:filing_awaits_province',
    ]);
  });

  it('experts hear of their assignment; the school hears nothing of review steps or unpublished decisions', () => {
    expect(who({ action: 'assign_experts', from: 'provincial_review', to: 'provincial_review' })).toEqual([
      'experts:filing_expert_assigned',
    ]);
    expect(who({ action: 'expert_score', from: 'provincial_review', to: 'provincial_review' })).toEqual([]);
    expect(who({ action: 'approve', from: 'provincial_review', to: 'approved' })).toEqual([]);
    expect(who({ action: 'reject', from: 'provincial_review', to: 'rejected' })).toEqual([]);
  });

  it('publication tells the school its result', () => {
    const [n] = filingNotices({ ...base, action: 'publish', from: 'rejected', to: 'published', decision: 'rejected' });
    expect(n).toMatchObject({ audience: 'school', kind: 'filing_published' });
    expect(n!.title).toContain('未通过审核');
  });
});
