import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../src/group-commit.js';

/** A batch writer that records each batch and answers once `release` is called. */
function recordingWriter() {
  const batches: { key: string; writes: number[] }[] = [];
  const pending: (() => void)[] = [];
  const writeBatch = (key: string, writes: number[]) => {
    batches.push({ key, writes });
    return new Promise<string[]>((resolve, reject) =>
      pending.push(() =>
        writes.includes(13)
          ? reject(new Error('13 is refused'))
          : resolve(writes.map((write) => `${key}:${write}`)),
      ),
    );
  };
  /** Lets every batch in flight answer, then waits for the next ones to start. */
  const release = async () => {
    for (const answer of pending.splice(0)) answer();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, writeBatch, release };
}

describe('group commit', () => {
  it('sends a lone write at once, and the writes that arrive meanwhile together after it', async () => {
    const writer = recordingWriter();
    const write = createGroupCommit(writer.writeBatch, { maxBatch: 10 });
    const first = write('ada', 1);
    const rest = [2, 3, 4].map((n) => write('ada', n));
    expect(writer.batches).toEqual([{ key: 'ada', writes: [1] }]);
    await writer.release();
    expect(writer.batches.at(-1)).toEqual({ key: 'ada', writes: [2, 3, 4] });
    await writer.release();
    expect(await Promise.all([first, ...rest])).toEqual(['ada:1', 'ada:2', 'ada:3', 'ada:4']);
  });

  it('runs the batches of two keys side by side', async () => {
    const writer = recordingWriter();
    const write = createGroupCommit(writer.writeBatch, { maxBatch: 10 });
    const answers = Promise.all([write('ada', 1), write('bob', 1)]);
    expect(writer.batches.map((batch) => batch.key)).toEqual(['ada', 'bob']);
    await writer.release();
    expect(await answers).toEqual(['ada:1', 'bob:1']);
  });

  it('keeps batches within maxBatch and conflicting writes apart, in order', async () => {
    const writer = recordingWriter();
    const write = createGroupCommit(writer.writeBatch, {
      maxBatch: 3,
      conflict: (a, b) => a === b,
    });
    const answers = Promise.all([0, 1, 2, 2, 3, 4, 5].map((n) => write('ada', n)));
    for (let i = 0; i < 4; i++) await writer.release();
    await answers;
    expect(writer.batches.map((batch) => batch.writes)).toEqual([[0], [1, 2, 3], [2, 4, 5]]);
  });

  it('runs a failed batch again one write at a time, so that only the bad write fails', async () => {
    const writer = recordingWriter();
    const write = createGroupCommit(writer.writeBatch, { maxBatch: 10 });
    const first = write('ada', 1);
    const settled = Promise.allSettled([12, 13, 14].map((n) => write('ada', n)));
    for (let i = 0; i < 5; i++) await writer.release();
    await first;
    expect((await settled).map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(writer.batches.map((batch) => batch.writes)).toEqual([
      [1],
      [12, 13, 14],
      [12],
      [13],
      [14],
    ]);
  });

  it('fails the whole batch at once when the database is unavailable', async () => {
    const unavailable = Object.assign(new Error('timeout exceeded when trying to connect'), {
      code: '57014',
    });
    const batches: number[][] = [];
    const write = createGroupCommit(
      async (_key, writes: number[]) => {
        batches.push(writes);
        if (writes.length > 1) throw unavailable;
        await new Promise((resolve) => setImmediate(resolve));
        return writes;
      },
      { maxBatch: 10 },
    );
    const first = write('ada', 1);
    const settled = Promise.allSettled([2, 3, 4].map((n) => write('ada', n)));
    await first;
    expect((await settled).every((result) => result.status === 'rejected')).toBe(true);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });
});
