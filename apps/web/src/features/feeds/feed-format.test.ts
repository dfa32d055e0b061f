import { expect, it } from 'vitest';
import { describeFeedSelection, describeReminder, REMINDER_CHOICES } from './feed-format';

it('says a reminder in the largest whole unit', () => {
  expect([null, 0, 1, 5, 90, 60, 120, 1440, 2880, 10_080, 40_320].map(describeReminder)).toEqual([
    'No reminder',
    'At the deadline',
    '1 minute before',
    '5 minutes before',
    '90 minutes before',
    '1 hour before',
    '2 hours before',
    '1 day before',
    '2 days before',
    '1 week before',
    '4 weeks before',
  ]);
  expect(new Set(REMINDER_CHOICES.map(describeReminder)).size).toBe(REMINDER_CHOICES.length);
});

it('says a selection as a list row starts it', () => {
  expect(describeFeedSelection({})).toBe('All todos');
  expect(describeFeedSelection({ completed: false, window: 1 })).toBe(
    'Active todos due within 1 day',
  );
});
