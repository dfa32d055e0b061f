import { isDatabaseUnavailable } from './database-unavailable.js';

/**
 * Runs a batch of writes of one key (an owner) as one statement, and answers
 * the result of each write, in the writes' order; throws for the whole batch.
 */
export type BatchWriter<Write, Result> = (key: string, writes: Write[]) => Promise<Result[]>;

export interface GroupCommitOptions<Write> {
  /** The most writes in one batch. */
  maxBatch: number;
  /** Whether two writes may not share a batch (they touch the same row): the later waits for the next. */
  conflict?: (a: Write, b: Write) => boolean;
}

interface Waiting<Write, Result> {
  write: Write;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the writes of one key. One batch per key is in the database
 * at a time; the writes that arrive meanwhile wait for it, and then go
 * together, as one statement and one commit. A lone write goes at once, so
 * nothing waits for a timer; under load, batches grow by themselves to what
 * arrived during one round trip. A key's writes serialise in the database
 * anyway (its row of owner_revisions is locked until commit), so one batch
 * at a time costs no parallelism, and saves a statement, a commit and a lock
 * hand-over per write.
 *
 * A batch that fails is run again one write at a time, so that a bad write
 * fails alone and the others go through; unless the database is unavailable,
 * which each write would then wait for in turn.
 */
export function createGroupCommit<Write, Result>(
  writeBatch: BatchWriter<Write, Result>,
  { maxBatch, conflict = () => false }: GroupCommitOptions<Write>,
): (key: string, write: Write) => Promise<Result> {
  // A key is present while a batch of it is in the database; its value: the writes waiting behind it.
  const waitingByKey = new Map<string, Waiting<Write, Result>[]>();

  const nextBatch = (waiting: Waiting<Write, Result>[]): Waiting<Write, Result>[] => {
    const batch: Waiting<Write, Result>[] = [];
    for (let i = 0; i < waiting.length && batch.length < maxBatch;) {
      const candidate = waiting[i]!;
      if (batch.some((taken) => conflict(taken.write, candidate.write))) i += 1;
      else batch.push(...waiting.splice(i, 1));
    }
    return batch;
  };

  const settle = async (key: string, batch: Waiting<Write, Result>[]): Promise<void> => {
    try {
      const results = await writeBatch(
        key,
        batch.map((waiting) => waiting.write),
      );
      batch.forEach((waiting, i) => waiting.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        return batch.forEach((waiting) => waiting.reject(error));
      }
      for (const waiting of batch) await settle(key, [waiting]);
    }
  };

  const drain = async (key: string, first: Waiting<Write, Result>): Promise<void> => {
    for (let batch = [first]; batch.length; batch = nextBatch(waitingByKey.get(key)!)) {
      await settle(key, batch);
    }
    waitingByKey.delete(key);
  };

  return (key, write) =>
    new Promise<Result>((resolve, reject) => {
      const waiting = { write, resolve, reject };
      const queue = waitingByKey.get(key);
      if (queue) return void queue.push(waiting);
      waitingByKey.set(key, []);
      void drain(key, waiting);
    });
}
