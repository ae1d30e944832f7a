import { describe, expect, it } from 'vitest';
import { manualActions, registrationColor, seatsLeft } from './session-helpers';

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
