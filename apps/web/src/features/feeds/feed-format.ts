// A feed's settings in words: what it holds, and its reminder.
import { describeSelection, type TodoSelection } from '../../lib/todo-selection';

/** "All todos", "Active todos due within 7 days". */
export function describeFeedSelection(selection: TodoSelection): string {
  const words = describeSelection(selection);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const UNITS: [minutes: number, unit: string][] = [
  [7 * 24 * 60, 'week'],
  [24 * 60, 'day'],
  [60, 'hour'],
  [1, 'minute'],
];

/** "15 minutes", "1 hour", "2 days": a whole count of the largest unit that divides it. */
export function minutesInWords(minutes: number): string {
  const [size, unit] = UNITS.find(([size]) => minutes % size === 0) ?? [1, 'minute'];
  const count = minutes / size;
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "No reminder", "At the deadline", "1 hour before". */
export function describeReminder(minutes: number | null): string {
  if (minutes === null) return 'No reminder';
  if (minutes === 0) return 'At the deadline';
  return `${minutesInWords(minutes)} before`;
}

/** The reminders the form offers, in minutes; the API takes any up to four weeks. */
export const REMINDER_CHOICES = [0, 5, 15, 30, 60, 120, 24 * 60, 2 * 24 * 60, 7 * 24 * 60];
