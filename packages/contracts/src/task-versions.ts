// Versioned tasks. graphile-worker fetches only the jobs whose task identifier
// is in the worker's task list, so a job's payload version lives in its
// identifier: a worker that cannot read a version never takes its jobs (it
// neither runs nor fails them), and they wait for a worker that can.

/** Between a task's name and its version in an identifier: `generate-calendar@2`. */
export const TASK_VERSION_SEPARATOR = '@';

// Exactly what taskIdentifier writes for a version above 1: no leading zero, never `@1`.
const VERSIONED = new RegExp(`^(.+)${TASK_VERSION_SEPARATOR}([2-9]|[1-9][0-9]+)$`);

/**
 * The graphile-worker identifier of version `version` of task `name`. Version 1
 * is the bare name, which is what jobs were queued under before versions existed.
 */
export function taskIdentifier(name: string, version: number): string {
  return version === 1 ? name : `${name}${TASK_VERSION_SEPARATOR}${version}`;
}

/** The task name and version an identifier stands for (the inverse of {@link taskIdentifier}). */
export function parseTaskIdentifier(identifier: string): { name: string; version: number } {
  const versioned = VERSIONED.exec(identifier);
  return versioned
    ? { name: versioned[1]!, version: Number(versioned[2]) }
    : { name: identifier, version: 1 };
}
