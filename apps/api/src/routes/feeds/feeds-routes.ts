import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateFeedBody,
  ErrorResponse,
  FeedSummary,
  FeedWithUrl,
  CreationForbidden,
} from '@taskoverflow/contracts';
import {
  createFeedsRepository,
  isSecretShaped,
  sha256Hex,
  type FeedWithSecret,
} from '@taskoverflow/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Type, type Static } from 'typebox';
import { createCalendarCache } from '../../lib/calendar-cache.js';
import { LOGGED_FEED_PATH, feedPath } from '../../lib/feed-path.js';
import { clientKey } from '../../lib/client-key.js';
import { apiUrl } from '../../lib/api-url.js';
import { sendCalendar } from '../../lib/send-calendar.js';
import { tooManyRequests } from '../../lib/too-many-requests.js';
import { Done, noContent } from '../../lib/no-content.js';
import { isUuid } from '../../lib/uuid.js';
import { HttpError } from '../../plugins/error-handler.js';
import { toFeedSummary, toFeedWithUrl } from './feed-response.js';

export interface FeedsRoutesOptions {
  publicUrl: string | undefined;
  /** Fetches of unknown secrets one client may make per minute before it gets 429s. */
  unknownSecretsPerMinute: number;
  /** How many feeds one user may have (QUOTA_FEEDS); null: no limit. */
  quota: number | null;
}

const FeedIdParams = Type.Object({ feed_id: Type.String({ maxLength: 100 }) });
const SecretParams = Type.Object({ secret: Type.String({ maxLength: 100 }) });
// Feeds are fetched again and again, by every app subscribed: a 10,000-todo one (3 MB of text) is kept too.
const FEED_CALENDAR_CACHE = { maxBytes: 64 * 1024 * 1024, entryMaxBytes: 8 * 1024 * 1024 };
// A fetch is recorded (when, and by which app) at most this often per feed.
const FETCH_RECORD_INTERVAL_MS = 60_000;
// A new feed is rendered within a second or so; an app that fetched too early tries again soon.
const NOT_RENDERED_RETRY_AFTER_S = 2;

const unknownFeed = (id: string) => new HttpError(404, `No feed ${id}`);
const noSuchFeed = () => new HttpError(404, 'No feed at this URL', { error: 'Not Found' });

/**
 * The feeds a user manages (list, create, rotate, delete) and the public
 * fetch of a feed's calendar by the secret in its URL, which calendar apps
 * call without any session. The fetch sends the bytes the worker rendered,
 * revalidated by ETag; it never renders.
 */
export const feedsRoutes: FastifyPluginAsyncTypebox<FeedsRoutesOptions> = async (app, options) => {
  const feedsRepository = createFeedsRepository(app.prisma, options.quota);
  const feeds = app.feedStore;
  const calendars = createCalendarCache(FEED_CALENDAR_CACHE);
  const unknownSecrets = new RateLimiterMemory({
    keyPrefix: 'unknown-feed',
    points: options.unknownSecretsPerMinute,
    duration: 60,
  });

  const withUrl = (request: FastifyRequest, { feed, secret }: FeedWithSecret) =>
    toFeedWithUrl(feed, apiUrl(request, options.publicUrl, feedPath(secret)));

  app.get(
    '/',
    {
      schema: {
        tags: ['feeds'],
        summary: 'The calendar feeds of this user, newest first (never their secret URLs)',
        response: { 200: Type.Array(FeedSummary) },
      },
    },
    async (request) => (await feedsRepository.list(request.caller.userId)).map(toFeedSummary),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Create a calendar feed; its secret URL is shown this once',
        body: CreateFeedBody,
        response: { 201: FeedWithUrl, 400: ErrorResponse, 403: CreationForbidden },
      },
    },
    async (request, reply) => {
      const created = await feedsRepository.create(request.caller.userId, request.body);
      return reply.code(201).send(withUrl(request, created));
    },
  );

  app.post(
    '/:feed_id/rotate',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Give the feed a new secret URL; the old one stops working at once',
        params: FeedIdParams,
        response: { 200: FeedWithUrl, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { feed_id: id } = request.params;
      const rotated = isUuid(id) ? await feedsRepository.rotate(request.caller.userId, id) : null;
      if (!rotated) throw unknownFeed(id);
      return withUrl(request, rotated);
    },
  );

  app.delete(
    '/:feed_id',
    {
      schema: {
        tags: ['feeds'],
        summary: 'End the feed: its URL answers 404 from now on',
        params: FeedIdParams,
        response: { 204: Done, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { feed_id: id } = request.params;
      if (!isUuid(id) || !(await feedsRepository.remove(request.caller.userId, id)))
        throw unknownFeed(id);
      return noContent(reply);
    },
  );

  /** Counts a miss against the client: guessing secrets gets slow long before it gets anywhere. */
  async function countMiss(request: FastifyRequest): Promise<never> {
    try {
      await unknownSecrets.consume(clientKey(request.ip));
    } catch (rejection) {
      throw tooManyRequests(rejection, 'unknown feeds');
    }
    throw noSuchFeed();
  }

  app.get(
    '/:secret.ics',
    {
      // The router decodes the path (a `%2E` is a dot): the route, not the URL, says what to hide.
      config: { public: true, loggedPath: LOGGED_FEED_PATH },
      schema: {
        tags: ['feeds'],
        summary: 'A feed’s calendar, for calendar apps (public: the secret in the URL is the key)',
        params: SecretParams,
        response: {
          200: {
            description: 'The iCalendar file, as last rendered',
            content: { 'text/calendar': { schema: Type.String() } },
          },
          304: { description: 'Not modified (If-None-Match or If-Modified-Since)', type: 'null' },
          404: ErrorResponse,
          429: ErrorResponse,
          503: ErrorResponse,
        },
      },
    },
    // Typed by hand: the payload is raw bytes, not a serialised schema.
    async (
      request: FastifyRequest<{ Params: Static<typeof SecretParams> }>,
      reply: FastifyReply,
    ) => {
      const { secret } = request.params;
      const feed = isSecretShaped(secret) ? await feeds.findBySecret(sha256Hex(secret)) : null;
      if (!feed) return countMiss(request);
      await recordFetch(request, feed);
      if (!feed.contentSha256) {
        throw new HttpError(
          503,
          'The feed is being rendered; try again in a moment',
          {
            error: 'Feed not rendered yet',
          },
          { 'retry-after': String(NOT_RENDERED_RETRY_AFTER_S) },
        );
      }
      void reply.header('cache-control', 'private, max-age=0, must-revalidate');
      const contentSha256 = feed.contentSha256;
      const sent = await sendCalendar(request, reply, calendars, {
        contentSha256,
        sizeBytes: feed.sizeBytes,
        lastModified: feed.contentChangedAt,
        load: () => feeds.content(feed.id, contentSha256),
      });
      if (sent) return reply;
      // Deleted, or rendered anew, between the two reads: the app asks again.
      throw new HttpError(
        503,
        'The feed changed while it was read; try again',
        {},
        {
          'retry-after': '1',
        },
      );
    },
  );

  /** Notes when the feed was fetched and by which app (for the Subscribe panel); at most once a minute. */
  async function recordFetch(
    request: FastifyRequest,
    feed: { id: string; lastFetchedAt: Date | null },
  ): Promise<void> {
    const now = new Date();
    if (
      feed.lastFetchedAt &&
      now.getTime() - feed.lastFetchedAt.getTime() < FETCH_RECORD_INTERVAL_MS
    )
      return;
    const userAgent = request.headers['user-agent']?.slice(0, 500) ?? null;
    // Only shown: a failed write must not cost the app its calendar.
    await feeds
      .recordFetch(feed.id, userAgent, now)
      .catch((error: unknown) => request.log.warn({ err: error }, 'could not record a feed fetch'));
  }
};
