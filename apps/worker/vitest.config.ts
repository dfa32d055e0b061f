import { mergeConfig } from 'vitest/config';
import { workspaceTestConfig } from '../../vitest.shared.js';

export default mergeConfig(workspaceTestConfig({ database: true }), {
  // These tests mostly wait (on backoff, heartbeats, other processes), not compute:
  // more files at once than vitest's cores-minus-one default shortens the run.
  test: { maxWorkers: 3 },
});
