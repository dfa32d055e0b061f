import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { isSupportedTimeZone, resolveTimeZone } from './time-zone.js';

describe('resolveTimeZone', () => {
  it('gives Europe/Berlin with both of its rules: CET in winter, CEST from the last Sunday of March', () => {
    const { tzid, vtimezone } = resolveTimeZone('Europe/Berlin');
    expect(tzid).toBe('Europe/Berlin');
    const zone = new ICAL.Component(ICAL.parse(vtimezone));
    expect(zone.name).toBe('vtimezone');
    expect(zone.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    const standard = zone.getFirstSubcomponent('standard')!;
    const daylight = zone.getFirstSubcomponent('daylight')!;
    expect(standard.getFirstPropertyValue('tzoffsetto')?.toString()).toBe('+01:00');
    expect(daylight.getFirstPropertyValue('tzoffsetto')?.toString()).toBe('+02:00');
    expect(String(daylight.getFirstPropertyValue('rrule'))).toBe(
      'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    );
  });

  it('gives CRLF lines only, ending with one', () => {
    const { vtimezone } = resolveTimeZone('America/New_York');
    expect(vtimezone.endsWith('END:VTIMEZONE\r\n')).toBe(true);
    expect(vtimezone.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('follows current rules: São Paulo has had no DST since 2019', () => {
    // The other candidate library (@touch4it/ical-timezones, tzdata 2018g) still has a DAYLIGHT here.
    const { vtimezone } = resolveTimeZone('America/Sao_Paulo');
    expect(vtimezone).not.toContain('BEGIN:DAYLIGHT');
    expect(vtimezone).toContain('TZOFFSETTO:-0300');
  });

  it('names an alias by the zone the VTIMEZONE describes', () => {
    const { tzid, vtimezone } = resolveTimeZone('UTC');
    expect(tzid).toBe('Etc/UTC');
    expect(vtimezone).toContain('\r\nTZID:Etc/UTC\r\n');
  });

  it.each(['Europe/Atlantis', 'europe/berlin', 'Berlin', 'CET ', '', 'Europe/Berlin\r\nX:1'])(
    'rejects %j with a RangeError',
    (name) => {
      expect(() => resolveTimeZone(name)).toThrow(RangeError);
    },
  );
});

describe('isSupportedTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Etc/GMT+5', true],
    ['UTC', true],
    ['europe/berlin', false],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('says %j is %s, as the builder does', (name, supported) => {
    expect(isSupportedTimeZone(name)).toBe(supported);
    if (supported) expect(() => resolveTimeZone(name)).not.toThrow();
    else expect(() => resolveTimeZone(name)).toThrow(RangeError);
  });
});
