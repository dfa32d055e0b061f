import ICAL from 'ical.js';
import { formatDateTZ } from 'ical-generator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSupportedTimeZone, resolveTimeZone, zonedWallClock } from './time-zone.js';

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

describe('zonedWallClock', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'])(
    'is written by ical-generator as the same digits with TZID when the process runs in %s',
    (processZone) => {
      vi.stubEnv('TZ', processZone);
      // A native Date would be written through the process's zone instead of Berlin's.
      const value = zonedWallClock('Europe/Berlin', new Date('2026-03-29T02:30:00Z'));
      expect(formatDateTZ('Europe/Berlin', 'DTSTART', value, { timezone: 'Europe/Berlin' })).toBe(
        'DTSTART;TZID=Europe/Berlin:20260329T023000',
      );
    },
  );

  it('refuses to be turned into another zone or an instant, which would need offsets', () => {
    const value = zonedWallClock('Europe/Berlin', new Date('2026-03-01T14:00:00Z'));
    expect(value.toString()).toBe('2026-03-01T14:00:00[Europe/Berlin]');
    expect(value.toPlainDateTime().toString()).toBe('2026-03-01T14:00:00');
    expect(() => value.withTimeZone('Asia/Tokyo')).toThrow(/cannot be moved/);
    expect(() => value.toInstant()).toThrow(/never as an instant/);
  });
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
