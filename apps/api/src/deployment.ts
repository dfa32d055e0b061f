/**
 * What a deployment of the API must agree with (docker-compose.yml, the
 * Kubernetes manifests' test): the settings it reads and the routes its probes call.
 */
export { Environment, loadConfig } from './config.js';
export { API_PREFIX, HEALTH_PATHS } from './lib/route-paths.js';
