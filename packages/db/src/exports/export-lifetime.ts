/**
 * The columns written when an export ends (SUCCESS or FAILURE): when, when the
 * purge may delete it, and no job any more — so that no attempt's fence matches it again.
 */
export function endOfExport(ttlMs: number) {
  const finishedAt = new Date();
  return { finishedAt, expiresAt: new Date(finishedAt.getTime() + ttlMs), jobId: null };
}
