import { Type, type Static } from 'typebox';

/**
 * What a service started by the launcher tells it over the IPC channel
 * (`process.send`). The launcher announces the system as ready only once the
 * API itself says it listens (an HTTP answer on the port could come from
 * another program), and stops, instead of restarting it, a service that
 * failed for a reason a restart cannot fix.
 */
export const ServiceMessage = Type.Union([
  Type.Object({
    type: Type.Literal('listening'),
    port: Type.Integer({ minimum: 1, maximum: 65_535 }),
    /** The one-time code that claims an instance no admin has claimed yet: the launcher shows it with the URL. */
    setup_code: Type.Optional(Type.String()),
  }),
  /** `reason` is one sentence for the person who started it, naming what to do. */
  Type.Object({ type: Type.Literal('failed'), reason: Type.String() }),
]);
export type ServiceMessage = Static<typeof ServiceMessage>;
