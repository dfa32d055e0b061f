/**
 * One user's writes as a client sends them, timed, for benchmarks whose
 * clients keep going whatever the answer: a refusal (403 of a quota, 429 of a
 * rate limit) is counted, not thrown.
 */

export interface Answer {
  status: number;
  /** ms from just before the request until its body was read. */
  ms: number;
  body: unknown;
}

/** How answers are counted: success, quota refused, rate limited, anything else. */
export const OUTCOMES = ['2xx', '403', '429', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return '2xx';
  if (status === 403) return '403';
  if (status === 429) return '429';
  return 'other';
}

/** Answers counted by kind of request (`POST /todos`, …) and outcome. */
export class Tally {
  readonly counts = new Map<string, Record<Outcome, number>>();

  add(kind: string, status: number): void {
    const counts =
      this.counts.get(kind) ??
      (Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>);
    counts[outcomeOf(status)]++;
    this.counts.set(kind, counts);
  }

  /** One table row per kind of request. */
  rows(seconds: number): Record<string, string | number>[] {
    return [...this.counts].map(([kind, counts]) => {
      const total = OUTCOMES.reduce((sum, o) => sum + counts[o], 0);
      return {
        request: kind,
        'answers/s': Math.round(total / seconds),
        // Named so: a key that is a number would come first in the table.
        ...Object.fromEntries(
          OUTCOMES.map((o) => [o === '2xx' || o === 'other' ? o : `${o}s`, counts[o]]),
        ),
      };
    });
  }

  toJSON() {
    return Object.fromEntries(this.counts);
  }
}

/**
 * A client of one user's todos at `baseUrl` (API prefix included by the
 * paths here) sending `headers` with every request; `todoIds` are the user's
 * todos that `edit` and `flip` take in turn.
 */
export function todoWriter(
  baseUrl: string,
  headers: Record<string, string>,
  todoIds: number[],
  tally?: Tally,
) {
  const send = async (method: string, path: string, body: unknown): Promise<Answer> => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    tally?.add(`${method} ${path.replace(/\/\d+$/, '/:id')}`, response.status);
    return { status: response.status, ms, body: text && (JSON.parse(text) as unknown) };
  };
  let writes = 0;
  const nextId = () => todoIds[writes++ % todoIds.length]!;
  const done = new Map<number, boolean>();
  return {
    send,
    /** POST /todos: a new todo. */
    create: () => send('POST', '/todos', { title: `Benchmark todo ${++writes}` }),
    /** PUT /todos/:id: renames the next of `todoIds`. */
    edit: () => {
      const id = nextId();
      return send('PUT', `/todos/${id}`, { title: `Todo ${id}, edit ${writes}` });
    },
    /** PUT /todos/:id: completes `id`, or reopens it (each call the other). */
    flip: (id: number) => {
      done.set(id, !done.get(id));
      return send('PUT', `/todos/${id}`, { completed: done.get(id) });
    },
    /** POST /todos/ical: submits an export of the todos due within `window` days, and does not wait. */
    submitExport: (window: number) => send('POST', '/todos/ical', { window }),
  };
}

/** Throws unless `answer` is a success. */
export function expectOk(answer: Answer, what: string): Answer {
  if (answer.status >= 300)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}
