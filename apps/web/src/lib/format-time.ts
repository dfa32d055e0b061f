const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An instant (`…Z`) in the user's time zone. */
export function formatTime(instant: string): string {
  return timeFormat.format(new Date(instant));
}
