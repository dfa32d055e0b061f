import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const valid = { DATABASE_URL: 'postgresql://u:p@localhost:5432/db' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(valid)).toMatchObject({
      environment: 'development',
      host: 'localhost',
      port: 3000,
      databasePoolSize: 10,
      bodyLimitBytes: 1_048_576,
      exportMaxAttempts: 5,
      corsOrigins: [],
      publicUrl: undefined,
    });
  });

  it.each([
    ['DATABASE_URL', {}],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['PORT', { ...valid, PORT: 'eighty' }],
    ['PORT', { ...valid, PORT: '70000' }],
    ['LOG_LEVEL', { ...valid, LOG_LEVEL: 'loud' }],
    ['CORS_ORIGINS', { ...valid, CORS_ORIGINS: 'not a url' }],
    ['PUBLIC_URL', { ...valid, PUBLIC_URL: 'example.com' }],
  ])('names %s when it is missing or bad', (name, env) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads a list of CORS origins and trims a trailing slash off PUBLIC_URL', () => {
    const config = loadConfig({ ...valid, CORS_ORIGINS: 'https://a.example,http://b.example:8080', PUBLIC_URL: 'https://todo.example/' });
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(config.publicUrl).toBe('https://todo.example');
  });
});
