import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';

describe('describeError', () => {
  it('puts a message of several lines on one', () => {
    expect(describeError(new Error('todo 7: deadline\n  out of range\n'))).toBe(
      'todo 7: deadline out of range',
    );
  });

  it("keeps only the cause of a Prisma error, not its code frame of the worker's source", () => {
    const error = Object.assign(
      new Error(
        "Invalid `prisma.todo.findMany()` invocation in\n/srv/apps/worker/src/exports-repository.ts:48:43\n\n  45 return {\n→ 48   const todos = await prisma.todo.findMany(\nCan't reach database server at db:5432",
      ),
      { clientVersion: '7.10.1' },
    );
    expect(describeError(error)).toBe("Can't reach database server at db:5432");
  });

  it('cuts a long message short, and names what is not an Error', () => {
    expect(describeError(new Error('x'.repeat(2_000)))).toHaveLength(500);
    expect(describeError('plain string')).toBe('plain string');
    expect(describeError(new Error(''))).toBe('unknown error');
  });
});
