const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can name a row keyed by a UUID at all: worth a database look-up. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
