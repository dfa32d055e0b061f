/** An optional instant as the contract writes it: ISO 8601 in UTC, or null. */
export function instantOrNull(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
