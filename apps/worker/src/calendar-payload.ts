import { GENERATE_CALENDAR_TASK } from '@taskoverflow/db/store';
import {
  GENERATE_CALENDAR_VERSIONS,
  GenerateCalendarPayloads,
  parseTaskIdentifier,
  type GenerateCalendarPayload,
  type GenerateCalendarVersion,
} from '@taskoverflow/contracts';
import type { Job } from 'graphile-worker';
import { Compile } from 'typebox/compile';

/** What a `generate-calendar` job asks, whatever its version. */
export interface CalendarJob {
  exportId: string;
  /** The request that queued it, when one did (version 2 on). */
  requestId?: string | undefined;
}

const validators = new Map(
  GENERATE_CALENDAR_VERSIONS.map((version) => [
    version,
    Compile(GenerateCalendarPayloads[version]),
  ]),
);

function validatorOf(version: GenerateCalendarVersion) {
  return validators.get(version)!;
}

/** Whether this build reads version `version` of the task. */
function isReadVersion(version: number): version is GenerateCalendarVersion {
  return validators.has(version as GenerateCalendarVersion);
}

/** What a version-`version` payload asks, or undefined when it is not a valid one. */
export function readCalendarPayload(
  version: GenerateCalendarVersion,
  payload: unknown,
): CalendarJob | undefined {
  if (!validatorOf(version).Check(payload)) return undefined;
  // Checked against the union of versions' schemas, which TypeScript cannot narrow through the map.
  const valid = payload as GenerateCalendarPayload<GenerateCalendarVersion>;
  return {
    exportId: valid.exportId,
    requestId: 'requestId' in valid ? valid.requestId : undefined,
  };
}

/** Why a payload is not a valid version-`version` payload, one line per problem. */
export function payloadErrors(version: GenerateCalendarVersion, payload: unknown): string[] {
  return [...validatorOf(version).Errors(payload)].map(
    (error) => `${error.instancePath || '/'} ${error.message}`,
  );
}

/**
 * The export a job generates, when it is a `generate-calendar` job of a
 * version this build reads with a valid payload (for logs, and the shutdown's releases).
 */
export function exportIdOf(job: Pick<Job, 'task_identifier' | 'payload'>): string | undefined {
  const { name, version } = parseTaskIdentifier(job.task_identifier);
  if (name !== GENERATE_CALENDAR_TASK || !isReadVersion(version)) return undefined;
  return readCalendarPayload(version, job.payload)?.exportId;
}
