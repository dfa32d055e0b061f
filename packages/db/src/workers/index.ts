export {
  createHeartbeatsRepository,
  type HeartbeatsRepository,
  type PoolHeartbeat,
  type PoolIdentity,
} from './heartbeats-repository.js';
export { createMonitorRepository } from './monitor-repository.js';
