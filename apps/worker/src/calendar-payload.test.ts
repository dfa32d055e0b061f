import {
  GENERATE_CALENDAR_VERSION,
  GENERATE_CALENDAR_VERSIONS,
  GenerateCalendarPayloads,
} from '@taskoverflow/contracts';
import { describe, expect, it } from 'vitest';
import { exportIdOf, payloadErrors, readCalendarPayload } from './calendar-payload.js';

const EXPORT_ID = '4f0c5a3e-6f1d-4b8e-9a57-2f8f2d1c9b10';
const V1 = { exportId: EXPORT_ID };
const V2 = { version: 2, exportId: EXPORT_ID, requestId: 'trace-7f3a' };

describe('generate-calendar payloads', () => {
  it('keep version 1 exactly as builds before versions queued and read it', () => {
    // Jobs of deployed databases and older builds carry it: it may never change.
    expect(JSON.parse(JSON.stringify(GenerateCalendarPayloads[1]))).toEqual({
      type: 'object',
      properties: { exportId: { type: 'string', format: 'uuid' } },
      required: ['exportId'],
      additionalProperties: false,
    });
  });

  it('are read at the version this build queues and the one before, so that a deploy can mix two builds', () => {
    expect(GENERATE_CALENDAR_VERSIONS).toEqual(
      expect.arrayContaining([GENERATE_CALENDAR_VERSION - 1, GENERATE_CALENDAR_VERSION]),
    );
    expect(Object.keys(GenerateCalendarPayloads).map(Number)).toEqual(GENERATE_CALENDAR_VERSIONS);
  });

  it('read each version as what it asks', () => {
    expect(readCalendarPayload(1, V1)).toEqual({ exportId: EXPORT_ID, requestId: undefined });
    expect(readCalendarPayload(2, V2)).toEqual({ exportId: EXPORT_ID, requestId: 'trace-7f3a' });
    expect(readCalendarPayload(2, { version: 2, exportId: EXPORT_ID })).toEqual({
      exportId: EXPORT_ID,
      requestId: undefined,
    });
  });

  it('refuse, at version 1, a version 2 payload and the fields it cannot read', () => {
    // What keeps an older worker from half reading a newer job, were it ever handed one.
    expect(readCalendarPayload(1, V2)).toBeUndefined();
    expect(payloadErrors(1, V2)).toEqual(
      expect.arrayContaining(['/version schema is false', '/requestId schema is false']),
    );
  });

  it('refuse, at version 2, a payload without its version or with a malformed request id', () => {
    expect(readCalendarPayload(2, V1)).toBeUndefined();
    expect(readCalendarPayload(2, { ...V2, version: 3 })).toBeUndefined();
    expect(readCalendarPayload(2, { ...V2, requestId: 'a b\nc' })).toBeUndefined();
  });

  it('name the export of a job of any version this build reads, and of no other job', () => {
    const job = (task_identifier: string, payload: unknown) => ({ task_identifier, payload });
    expect(exportIdOf(job('generate-calendar', V1))).toBe(EXPORT_ID);
    expect(exportIdOf(job('generate-calendar@2', V2))).toBe(EXPORT_ID);
    // A payload of the wrong version for its identifier, a version to come, another task.
    expect(exportIdOf(job('generate-calendar', V2))).toBeUndefined();
    expect(exportIdOf(job('generate-calendar@3', { ...V2, version: 3 }))).toBeUndefined();
    expect(exportIdOf(job('purge-expired-exports', V1))).toBeUndefined();
  });
});
