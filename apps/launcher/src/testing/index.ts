export { spawnSystem, type RunningSystem } from './spawn-system.js';
