export {
  spawnSystem,
  startLauncher,
  type LauncherProcess,
  type RunningSystem,
} from './spawn-system.js';
