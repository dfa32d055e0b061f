import { describe, expect, it } from 'vitest';
import { calendarZoneInWords, choiceOf, settingOf, zoneChoices } from './time-zone-choice';

describe('the time zone setting', () => {
  it('maps the instance default to null and back, and keeps floating and zones as they are', () => {
    expect(choiceOf(null)).toBe('');
    expect(settingOf('')).toBeNull();
    for (const setting of ['floating', 'Europe/Berlin'])
      expect(settingOf(choiceOf(setting))).toBe(setting);
  });

  it('offers the browser’s zones, and the user’s own when the browser lacks it', () => {
    const supported = ['Europe/Berlin', 'Europe/Paris'];
    expect(zoneChoices(null, supported)).toEqual(supported);
    expect(zoneChoices('floating', supported)).toEqual(supported);
    expect(zoneChoices('Europe/Paris', supported)).toEqual(supported);
    expect(zoneChoices('US/Eastern', supported)).toEqual(['US/Eastern', ...supported]);
  });

  it('says what calendars use now', () => {
    expect(calendarZoneInWords({ time_zone: null, calendar_time_zone: 'Europe/Berlin' })).toBe(
      'Europe/Berlin, the instance default',
    );
    expect(calendarZoneInWords({ time_zone: 'floating', calendar_time_zone: null })).toMatch(
      /^floating times/,
    );
    expect(calendarZoneInWords({ time_zone: 'Asia/Tokyo', calendar_time_zone: 'Asia/Tokyo' })).toBe(
      'Asia/Tokyo',
    );
  });
});
