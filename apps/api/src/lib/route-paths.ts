// Where app.ts mounts the API's routes: the prefix the web calls too.
export { API_PREFIX } from '@taskoverflow/contracts';

/**
 * Where app.ts mounts each route folder, under {@link API_PREFIX}. The URLs
 * the API returns (Location headers, `task_url`, feed URLs) are built from
 * the same values, so that they follow any change of them.
 */
export const ROUTE_PREFIXES = {
  auth: '/auth',
  todos: '/todos',
  exports: '/todos/ical',
  feeds: '/feeds',
  monitor: '/monitor',
  invites: '/admin/invites',
} as const;

/**
 * The health routes, under {@link API_PREFIX}: `live` answers while the process
 * runs; `ready` once the database answers and every migration is applied. A
 * deployment's probes call them (docker-compose.yml, deploy/kubernetes).
 */
export const HEALTH_PATHS = { live: '/health', ready: '/health/ready' } as const;
