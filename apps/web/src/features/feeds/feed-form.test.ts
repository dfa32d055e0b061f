import { expect, it } from 'vitest';
import { EMPTY_DRAFT, feedBodyFrom } from './feed-form';

it('sends only what is set, the name trimmed, completed todos only when asked for', () => {
  expect(feedBodyFrom(EMPTY_DRAFT)).toEqual({
    body: { completed: false, reminder_minutes: null },
  });
  expect(
    feedBodyFrom({ name: ' Work ', completed: 'all', window: ' 0 ', reminder_minutes: '15' }),
  ).toEqual({ body: { name: 'Work', window: 0, reminder_minutes: 15 } });
});

it('refuses what the API would, said with the fields’ labels', () => {
  expect(
    feedBodyFrom({
      name: '🗓'.repeat(101),
      completed: 'active',
      window: '36501',
      reminder_minutes: '40321',
    }),
  ).toEqual({
    errors: {
      fields: {
        name: 'Name must be at most 100 characters.',
        window: 'Due within must be a whole number of days from 0 to 36,500.',
        reminder_minutes: 'Reminder is not one offered.',
      },
    },
  });
  // Characters as the API counts them: 100 emoji are 200 UTF-16 units, and allowed.
  expect(feedBodyFrom({ ...EMPTY_DRAFT, name: '🗓'.repeat(100) }).errors).toBeUndefined();
  expect(feedBodyFrom({ ...EMPTY_DRAFT, window: '-1' }).errors?.fields.window).toBeDefined();
  expect(feedBodyFrom({ ...EMPTY_DRAFT, window: '1.5' }).errors?.fields.window).toBeDefined();
});
