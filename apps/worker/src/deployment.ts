/** What a deployment of the worker must agree with (the Kubernetes manifests' test): the settings it reads. */
export { Environment, loadConfig } from './config.js';
