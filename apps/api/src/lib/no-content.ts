import type { FastifyReply } from 'fastify';

/** The response schema of a 204. */
export const Done = { description: 'Done', type: 'null' } as const;

/** 204: through the untyped reply, for there is no body to type. */
export const noContent = (reply: FastifyReply) => reply.code(204).send();
