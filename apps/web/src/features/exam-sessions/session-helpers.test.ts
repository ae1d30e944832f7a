import { describe, expect, it } from 'vitest';
import { manualActions, publicationConfirmed, registrationColor, seatsLeft } from './session-helpers';

describe('session helpers', () => {
  it('keeps the manual steps only', () => {
    expect(manualActions(['open_registration', 'publish_scores', 'enter_scores', 'close'])).toEqual(['open_registration', 'close']);
  });
  it('colours registrations and counts seats', () => {
    expect(registrationColor('proposed')).toBe('gold');
    expect(registrationColor('registered')).toBe('green');
    expect(registrationColor('withdrawn')).toBe('default');
    expect(seatsLeft(30, 12)).toBe(18);
    expect(seatsLeft(10, 12)).toBe(0);
  });
});

describe('issue 21 item 2: 成绩公示 confirmation', () => {
  it('R5.5 needs nothing when every candidate has a score, else exactly the number without one', () => {
    expect(publicationConfirmed(0, undefined)).toBe(true);
    expect(publicationConfirmed(3, 3)).toBe(true);
    expect(publicationConfirmed(3, null)).toBe(false);
    expect(publicationConfirmed(3, 2)).toBe(false);
    expect(publicationConfirmed(3, 0)).toBe(false);
  });
});
