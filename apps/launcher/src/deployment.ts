/** What a deployment of the one-shot migration (`dist/migrate.js`) must agree with: the settings it reads. */
export { Environment, loadConfig } from './config.js';
