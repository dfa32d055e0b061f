// Two independent iCalendar parsers, for tests here and in the workspaces that
// store calendars: ical.js (Mozilla's, which places zoned times through the
// file's own VTIMEZONE) and node-ical (which resolves TZIDs through the IANA
// database of the JavaScript engine). Both read a calendar into one shape, so
// that a test can ask that they agree, and that each reads what was meant.
import ICAL from 'ical.js';
import nodeIcal, { type DateWithTimeZone, type VEvent } from 'node-ical';

/** What both parsers must agree on, in one shape. */
export interface ReadEvent {
  uid: string;
  summary: string;
  description: string | null;
  allDay: boolean;
  /** `YYYY-MM-DD` for a day, `…THH:MM:SS` for a floating time, `…THH:MM:SSZ` for a zoned one (as UTC). */
  start: string;
  end: string;
  sequence: number;
  /** Seconds from the start; null without a VALARM. */
  alarmTrigger: number | null;
  alarmDescription: string | null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The events of `ics` as ical.js reads them, in file order. */
export function readWithIcalJs(ics: string): ReadEvent[] {
  // ical.js types a parse as `any`: a calendar is one component, as jCal.
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const show = (time: ICAL.Time): string => {
    if (time.isDate) return time.toString();
    if (time.zone === ICAL.Timezone.localTimezone) return time.toString(); // floating
    return time.convertToZone(ICAL.Timezone.utcTimezone).toString();
  };
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const alarm = component.getFirstSubcomponent('valarm');
    const trigger = alarm?.getFirstPropertyValue('trigger') as ICAL.Duration | undefined;
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description ?? null,
      allDay: event.startDate.isDate,
      start: show(event.startDate),
      end: show(event.endDate),
      sequence: event.sequence,
      // `+ 0`: a trigger at the start reads as -0 in ical.js.
      alarmTrigger: trigger === undefined ? null : trigger.toSeconds() + 0,
      alarmDescription: alarm ? String(alarm.getFirstPropertyValue('description')) : null,
    };
  });
}

/** An RFC 5545 duration in seconds, parsed here rather than with ical.js, to keep the readings apart. */
function durationSeconds(text: string): number {
  const match = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
    text,
  );
  if (!match) throw new Error(`not a duration: ${text}`);
  const [, sign, weeks, days, hours, minutes, seconds] = match.map((part) => part ?? '0');
  const total =
    ((Number(weeks) * 7 + Number(days)) * 24 + Number(hours)) * 3600 +
    Number(minutes) * 60 +
    Number(seconds);
  return sign === '-' ? -total : total;
}

/** The events of `ics` as node-ical reads them, in file order. */
export function readWithNodeIcal(ics: string): ReadEvent[] {
  // node-ical gives floating times and days as local Dates, zoned times as instants.
  const show = (date: DateWithTimeZone, allDay: boolean): string => {
    const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    if (allDay) return day;
    if (date.tz) return date.toISOString().replace('.000Z', 'Z');
    return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  };
  const text = (value: unknown): string =>
    typeof value === 'string' ? value : String((value as { val: string }).val);
  return Object.values(nodeIcal.sync.parseICS(ics))
    .filter((component): component is VEvent => component?.type === 'VEVENT')
    .map((event) => {
      const allDay = event.datetype === 'date';
      const alarm = (event as { alarms?: { trigger: string; description?: unknown }[] })
        .alarms?.[0];
      return {
        uid: event.uid,
        summary: text(event.summary),
        description: event.description === undefined ? null : text(event.description),
        allDay,
        start: show(event.start, allDay),
        end: show(event.end ?? event.start, allDay),
        sequence: Number(event.sequence),
        alarmTrigger: alarm ? durationSeconds(alarm.trigger) : null,
        alarmDescription: alarm ? text(alarm.description) : null,
      };
    });
}
