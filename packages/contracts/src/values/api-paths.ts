/** Where the HTTP API lives on its host: the API mounts its routes here and the web calls them here. */
export const API_PREFIX = '/api/v1';
