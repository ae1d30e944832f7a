/**
 * 成绩复核 (issue 17 item 4; R5.5, R6.1): a candidate may ask for a review of its published score only during the
 * 成绩公示 period (from the publication for the session's 公示期); the organization answers; issuance waits until
 * the open reviews of the session are answered. Pure, so each rule is tested on its own.
 */

export interface PublicityFacts {
  status: string;
  scores_published_at: Date | null;
  publicity_days: number;
}

/** The end of the 成绩公示 period, or null when scores are not published. */
export function publicityEnds(s: PublicityFacts): Date | null {
  if (s.status !== 'scores_published' || !s.scores_published_at) return null;
  return new Date(s.scores_published_at.getTime() + s.publicity_days * 86_400_000);
}

/** A review may be asked for while scores are published and the 公示期 has not passed. */
export function reviewWindowOpen(s: PublicityFacts, now: Date): boolean {
  const end = publicityEnds(s);
  return end !== null && now.getTime() < end.getTime();
}

/**
 * What a corrected result does to the candidate's certificate (R6.1, R6.3): a certificate in force and no longer
 * passed is revoked; passed without a certificate is issued — when the session's certificates have been issued
 * already (before that, the session's issuance will include it).
 */
export function certificateEffect(
  c: { certificate: 'none' | 'valid' | 'revoked'; sessionIssued: boolean },
  nowPassed: boolean,
): 'none' | 'issue' | 'revoke' {
  if (c.certificate === 'valid' && !nowPassed) return 'revoke';
  if (c.certificate === 'none' && nowPassed && c.sessionIssued) return 'issue';
  return 'none';
}
