export {
  setupCodeIn,
  spawnSystem,
  startLauncher,
  type LauncherProcess,
  type RunningSystem,
} from './spawn-system.js';
export { firstMessage, startService, type ServiceProcess } from '../service-process.js';
