import { describe, expect, it } from 'vitest';
import { parseTaskIdentifier, taskIdentifier } from './task-versions.js';

describe('task identifiers', () => {
  it('keep the bare name for version 1, which is what jobs from before versions carry', () => {
    expect(taskIdentifier('generate-calendar', 1)).toBe('generate-calendar');
    expect(parseTaskIdentifier('generate-calendar')).toEqual({
      name: 'generate-calendar',
      version: 1,
    });
  });

  it.each([2, 3, 10, 42])('round-trip version %i as name@version', (version) => {
    const identifier = taskIdentifier('generate-calendar', version);
    expect(identifier).toBe(`generate-calendar@${version}`);
    expect(parseTaskIdentifier(identifier)).toEqual({ name: 'generate-calendar', version });
  });

  it.each(['generate-calendar@1', 'generate-calendar@02', 'generate-calendar@', '@2', 'a@2x'])(
    'read %s, which taskIdentifier never writes, as a version 1 name of its own',
    (identifier) => {
      expect(parseTaskIdentifier(identifier)).toEqual({ name: identifier, version: 1 });
    },
  );
});
