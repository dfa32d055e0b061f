import { Type } from 'typebox';

/** Settings every process reads the same way (each app's config module composes them). */
export const CommonEnvironment = {
  NODE_ENV: Type.Union(
    [Type.Literal('development'), Type.Literal('production'), Type.Literal('test')],
    {
      default: 'development',
    },
  ),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) =>
      Type.Literal(level),
    ),
    { default: 'info' },
  ),
};

export const DatabaseUrl = Type.String({ pattern: '^postgres(ql)?://' });

/** How long an ended export is kept before the purge deletes it, in hours (fractions for demonstrations and tests). */
export const ExportTtlHours = Type.Number({ exclusiveMinimum: 0, maximum: 8_760, default: 24 });

/** {@link ExportTtlHours} in milliseconds. */
export const hoursToMs = (hours: number) => Math.round(hours * 3_600_000);
