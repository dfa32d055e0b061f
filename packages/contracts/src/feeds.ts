import { Type, type Static } from 'typebox';
import { Text } from './text.js';
import { TodoSelection } from './todos.js';
import { FEED_NAME_MAX_LENGTH, REMINDER_MINUTES_MAX } from './values/limits.js';

export const RenderOwnerFeedsPayload = Type.Object(
  {
    ownerId: Type.String({ format: 'uuid' }),
    /** The rest of a render pass that gave its worker slot back: not a new start. */
    continues: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RenderOwnerFeedsPayload = Static<typeof RenderOwnerFeedsPayload>;

const Instant = Type.String({ format: 'date-time' });
const ReminderMinutes = Type.Integer({
  minimum: 0,
  maximum: REMINDER_MINUTES_MAX,
  description: 'A reminder (VALARM) this many minutes before each event; null: none',
});

export const CreateFeedBody = Type.Object(
  {
    name: Type.Optional(
      Text({
        maxLength: FEED_NAME_MAX_LENGTH,
        notBlank: true,
        description: 'The calendar name apps show (X-WR-CALNAME); default "TaskOverflow"',
      }),
    ),
    ...TodoSelection,
    reminder_minutes: Type.Optional(Type.Union([ReminderMinutes, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateFeedBody = Static<typeof CreateFeedBody>;

const feedFields = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  selection: Type.Object(TodoSelection),
  reminder_minutes: Type.Union([ReminderMinutes, Type.Null()]),
  created_at: Instant,
  rendered_at: Type.Union([Instant, Type.Null()], {
    description: 'When the worker last rendered it; null until the first render',
  }),
  event_count: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  render_error: Type.Union([Type.String(), Type.Null()], {
    description:
      'Why the feed cannot be rendered (too many todos); the last good render is still served',
  }),
  last_fetched_at: Type.Union([Instant, Type.Null()], {
    description: 'When a calendar app last fetched it (to the minute)',
  }),
  last_fetched_by: Type.Union([Type.String(), Type.Null()], {
    description: 'The User-Agent of that fetch',
  }),
};

/** A feed as listed: never its secret URL, which is stored only as a hash. */
export const FeedSummary = Type.Object(feedFields, { $id: 'FeedSummary' });
export type FeedSummary = Static<typeof FeedSummary>;

/** A new or rotated feed: the only answers that hold its secret URL. */
export const FeedWithUrl = Type.Object(
  {
    ...feedFields,
    url: Type.String({
      format: 'uri',
      description: 'https://…/api/v1/feeds/<secret>.ics; shown once',
    }),
    webcal_url: Type.String({
      description: 'The same URL as webcal://, which opens a calendar app',
    }),
  },
  { $id: 'FeedWithUrl' },
);
export type FeedWithUrl = Static<typeof FeedWithUrl>;
