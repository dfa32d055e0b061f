// The pure iCalendar (RFC 5545) builder: todos and a clock in, `.ics` text out.
// No I/O, so the same input always gives the same bytes.
export {
  MAX_REFRESH_MINUTES,
  buildCalendar,
  createCalendarBuilder,
  type BuiltCalendar,
  type CalendarBuilder,
  type CalendarOptions,
  type CalendarTodo,
} from './calendar-builder.js';
export { isSupportedTimeZone } from './time-zone.js';
