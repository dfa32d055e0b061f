import { describe, expect, it } from 'vitest';
import { characterLength, REMINDER_MINUTES_MAX, PASSWORD_MAX_LENGTH } from './limits.js';

describe('limits', () => {
  it('count characters, not UTF-16 units: an emoji or an accented letter is one', () => {
    expect(characterLength('')).toBe(0);
    expect(characterLength('café')).toBe(4);
    expect(characterLength('📅 plan')).toBe(6);
    expect(characterLength('😀'.repeat(PASSWORD_MAX_LENGTH))).toBe(PASSWORD_MAX_LENGTH);
  });

  it('let passwords be at least 64 characters long (ASVS 6.2.9)', () => {
    expect(PASSWORD_MAX_LENGTH).toBeGreaterThanOrEqual(64);
  });

  it('bound a reminder at four weeks', () => {
    expect(REMINDER_MINUTES_MAX).toBe(4 * 7 * 24 * 60);
  });
});
