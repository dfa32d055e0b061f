// Every statement on calendar_feeds that the public fetch and the worker's
// render make: on node-postgres, like the export store, so the worker never
// loads Prisma. The feed management (create, list, rotate, delete) is in
// feeds-repository.ts, on Prisma; the triggers of migration 20261216000000
// queue one render job per owner, as the queue module (../queue/feed-render-jobs.ts) says.
import sql, { raw } from 'sql-template-tag';
import {
  QUEUE_OWNER_FEED_RENDERS_AFTER_LAST,
  RENDER_STARTED_RECENTLY,
  queueOwnerFeedRendersContinuation,
  queueOwnerFeedRendersNow,
} from '../queue/feed-render-jobs.js';
import type { StoredCalendar, StoredContent } from '../exports/index.js';
import { rows, type Database } from '../database.js';
import { selectionOf, type TodoSelection } from '../todos/todo-selection.js';

/** A feed as a fetch of its URL needs it: nothing is read of the calendar until it must be sent. */
export interface FeedToSend {
  id: string;
  /** Null until its first render. */
  contentSha256: string | null;
  sizeBytes: number | null;
  contentChangedAt: Date | null;
  lastFetchedAt: Date | null;
}

/** What a render of a feed needs to know of it. */
export interface FeedToRender {
  ownerId: string;
  name: string;
  selection: TodoSelection;
  reminderMinutes: number | null;
  /** What the render reads of the feed's row, as one opaque value: see {@link FeedRender}. */
  settings: string;
}

/** What an owner's render job renders: the feeds behind the owner's revision. */
export type OwnerRender =
  | {
      /** The owner's revision as the job started (a bigint's decimal text): every feed rendered shows at least it. */
      revision: string;
      /** The owner's feeds rendered at an older revision, or never since their settings changed. */
      feedIds: string[];
    }
  /** Too soon after the last job's start: queued again for half a second after it, nothing to render now. */
  | 'deferred';

/** A finished render, to store. */
export type FeedRender = Pick<
  StoredCalendar,
  'content' | 'contentSha256' | 'sizeBytes' | 'eventCount'
> & {
  /** The render's graphile-worker job: a job queued earlier never overwrites a later one's render. */
  jobId: string;
  /** The owner's revision the render shows ({@link OwnerRender}). */
  revision: string;
  /**
   * The feed's settings the render used ({@link FeedToRender}): when they
   * changed during the render, it is stored but not counted as current, so the
   * job queued by the change renders the feed again.
   */
  settings: string;
};

/** A feed's settings, as one value, to tell whether they changed. */
const SETTINGS = raw(`md5(row(owner_id, name, completed, window_days, reminder_minutes)::text)`);

export function createFeedStore(db: Database) {
  // A later job was queued after a later change, so its render is the newer one.
  const notOlderThan = (jobId: string) =>
    sql`(rendered_by_job IS NULL OR rendered_by_job <= ${jobId}::bigint)`;

  return {
    /** The feed whose secret has this SHA-256, or null. */
    async findBySecret(secretSha256: string): Promise<FeedToSend | null> {
      const [found] = await rows<FeedToSend>(
        db,
        sql`
          SELECT id, content_sha256 AS "contentSha256", size_bytes AS "sizeBytes",
                 content_changed_at AS "contentChangedAt", last_fetched_at AS "lastFetchedAt"
            FROM calendar_feeds WHERE secret_sha256 = ${secretSha256}`,
      );
      return found ?? null;
    },

    /** The feed's calendar as stored, if it still is the render of this SHA-256. */
    async content(id: string, contentSha256: string): Promise<StoredContent | null> {
      const [found] = await rows<StoredContent>(
        db,
        sql`
          SELECT content, 'gzip' AS "contentEncoding" FROM calendar_feeds
           WHERE id = ${id}::uuid AND content_sha256 = ${contentSha256}`,
      );
      return found ?? null;
    },

    /** Records a fetch of the feed by a calendar app. */
    async recordFetch(id: string, userAgent: string | null, at: Date): Promise<void> {
      await db.query(
        sql`UPDATE calendar_feeds SET last_fetched_at = ${at}, last_fetched_by = ${userAgent}
             WHERE id = ${id}::uuid`,
      );
    },

    /**
     * Starts a render job of the owner's feeds: records its start on the
     * owner's row (the triggers queue the next job half a second after it), and
     * returns the owner's revision with the feeds behind it, in one statement.
     * Renders of an owner start at least half a second apart whoever queued
     * them: a job due sooner than that after the last start is queued again
     * for then ('deferred'). A job that `continues` a pass is no new start: it
     * neither waits nor records one. Null when the owner is gone. The update waits for
     * a todo write of the owner in progress, so the revision it reads includes that write.
     */
    async startOwnerRender(ownerId: string, continues = false): Promise<OwnerRender | null> {
      const [found] = await rows<{ deferred: boolean; revision: string; feedIds: string[] }>(
        db,
        sql`
          WITH owner AS (
            SELECT owner_id, NOT ${continues} AND ${RENDER_STARTED_RECENTLY} AS too_soon
              FROM owner_revisions
             WHERE owner_id = ${ownerId}::uuid FOR NO KEY UPDATE),
          started AS (
            UPDATE owner_revisions
               SET feeds_render_started_at = CASE WHEN ${continues} THEN feeds_render_started_at ELSE now() END
              FROM owner WHERE owner_revisions.owner_id = owner.owner_id AND NOT owner.too_soon
            RETURNING revision),
          deferred AS (
            SELECT ${QUEUE_OWNER_FEED_RENDERS_AFTER_LAST} FROM owner_revisions
             WHERE owner_id = (SELECT owner_id FROM owner WHERE too_soon))
          SELECT EXISTS (SELECT FROM deferred) AS deferred, revision::text AS revision,
                 ARRAY(SELECT id FROM calendar_feeds
                        WHERE owner_id = ${ownerId}::uuid
                          AND (rendered_revision IS NULL OR rendered_revision < started.revision)
                        ORDER BY created_at) AS "feedIds"
            FROM owner LEFT JOIN started ON true`,
      );
      if (!found) return null;
      const { deferred, revision, feedIds } = found;
      return deferred ? 'deferred' : { revision, feedIds };
    },

    /** Queues the rest of a render pass of the owner's feeds (see queueOwnerFeedRendersContinuation). */
    continueOwnerRender: (ownerId: string) => queueOwnerFeedRendersContinuation(db, ownerId),

    /** The feed, or null when it was deleted. */
    async toRender(id: string): Promise<FeedToRender | null> {
      const [found] = await rows<{
        ownerId: string;
        name: string;
        completed: boolean | null;
        windowDays: number | null;
        reminderMinutes: number | null;
        settings: string;
      }>(
        db,
        sql`
          SELECT owner_id AS "ownerId", name, completed, window_days AS "windowDays",
                 reminder_minutes AS "reminderMinutes", ${SETTINGS} AS settings
            FROM calendar_feeds WHERE id = ${id}::uuid`,
      );
      if (!found) return null;
      const { completed, windowDays, ...feed } = found;
      return { ...feed, selection: selectionOf({ completed, windowDays }) };
    },

    /**
     * Stores a render, unless the feed is gone or a later job's render is
     * stored already. Last-Modified moves only when the text changed.
     */
    async storeRender(id: string, render: FeedRender): Promise<boolean> {
      const { rowCount } = await db.query(
        sql`
          UPDATE calendar_feeds
             SET content_changed_at = CASE WHEN content_sha256 IS DISTINCT FROM ${render.contentSha256}
                                           THEN now() ELSE content_changed_at END,
                 content = ${render.content}, content_sha256 = ${render.contentSha256},
                 size_bytes = ${render.sizeBytes}, event_count = ${render.eventCount},
                 rendered_at = now(), rendered_by_job = ${render.jobId}::bigint,
                 rendered_revision = CASE WHEN ${SETTINGS} = ${render.settings}
                                          THEN ${render.revision}::bigint END,
                 render_count = render_count + 1, render_error = NULL
           WHERE id = ${id}::uuid AND ${notOlderThan(render.jobId)}`,
      );
      return rowCount === 1;
    },

    /** Records why a render failed for good; the last good render is still served. */
    async recordRenderError(id: string, jobId: string, error: string): Promise<void> {
      await db.query(
        sql`UPDATE calendar_feeds SET render_error = ${error}
             WHERE id = ${id}::uuid AND ${notOlderThan(jobId)}`,
      );
    },

    /**
     * Marks every feed with a deadline window to render, and queues its
     * owner's render job (one per owner): what a window selects moves with the
     * clock, even when no todo changes. @returns how many owners' jobs were queued.
     */
    async queueWindowedRenders(): Promise<number> {
      const { rowCount } = await db.query(
        sql`
          WITH windowed AS (
            UPDATE calendar_feeds SET rendered_revision = NULL
             WHERE window_days IS NOT NULL RETURNING owner_id)
          SELECT ${queueOwnerFeedRendersNow(raw('owner_id'))} FROM (SELECT DISTINCT owner_id FROM windowed) AS owners`,
      );
      return rowCount ?? 0;
    },
  };
}

export type FeedStore = ReturnType<typeof createFeedStore>;
