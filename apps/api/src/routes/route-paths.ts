/** Where app.ts mounts the API's routes. */
export const API_PREFIX = '/api/v1';

/**
 * The health routes, under {@link API_PREFIX}: `live` answers while the process
 * runs; `ready` once the database answers and every migration is applied. A
 * deployment's probes call them (docker-compose.yml, deploy/kubernetes).
 */
export const HEALTH_PATHS = { live: '/health', ready: '/health/ready' } as const;
