-- Calendar feeds: a secret URL per feed that calendar apps subscribe to. The
-- worker renders a feed's calendar whenever what it shows may have changed
-- (the triggers below queue that render); a fetch only sends the stored bytes.
CREATE TABLE "calendar_feeds" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "owner_id" UUID NOT NULL,
  "name" VARCHAR(100) NOT NULL,
  "completed" BOOLEAN,
  "window_days" INTEGER,
  "reminder_minutes" INTEGER,
  "secret_sha256" CHAR(64) NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "content" BYTEA,
  "content_sha256" CHAR(64),
  "size_bytes" INTEGER,
  "event_count" INTEGER,
  "content_changed_at" TIMESTAMPTZ(3),
  "rendered_at" TIMESTAMPTZ(3),
  "rendered_by_job" BIGINT,
  "render_count" INTEGER NOT NULL DEFAULT 0,
  "render_error" TEXT,
  "last_fetched_at" TIMESTAMPTZ(3),
  "last_fetched_by" VARCHAR(500),
  CONSTRAINT "calendar_feeds_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "calendar_feeds_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "calendar_feeds_secret_sha256_key" ON "calendar_feeds"("secret_sha256");
CREATE INDEX "calendar_feeds_owner_id_created_at_idx" ON "calendar_feeds"("owner_id", "created_at");
-- Stored gzip-compressed already (as export calendars are).
ALTER TABLE "calendar_feeds" ALTER COLUMN "content" SET STORAGE EXTERNAL;

-- Queues a render of the feed `delay` from now, unless one is queued already:
-- one job key per feed, and `preserve_run_at` keeps the queued render's time,
-- so changes made before it starts share it. A render already running keeps
-- running, and a new job is queued behind it (graphile-worker takes the key
-- from a locked job).
CREATE FUNCTION "queue_feed_render"("feed_id" UUID, "delay" INTERVAL) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM graphile_worker.add_job('render-feed', json_build_object('feedId', feed_id),
                                  job_key := 'render-feed:' || feed_id,
                                  job_key_mode := 'preserve_run_at',
                                  run_at := now() + delay);
END;
$$;

-- Queues a render of every feed of these owners, half a second after the
-- start of the render running now (a job that holds the key and a lock) or
-- the end of the last one, and at once when both are older. A change after a
-- quiet spell shows at once; a burst of edits makes a render at most every
-- half second, each holding every change made before it started.
CREATE FUNCTION "queue_owner_feed_renders"("owners" UUID[]) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "queue_feed_render"(f."id", GREATEST(
            INTERVAL '0',
            f."rendered_at" + INTERVAL '500 milliseconds' - now(),
            (SELECT max(j.locked_at) FROM graphile_worker.jobs AS j
              WHERE j.key = 'render-feed:' || f."id") + INTERVAL '500 milliseconds' - now()))
     FROM "calendar_feeds" AS f WHERE f."owner_id" = ANY(owners);
END;
$$;

-- Every statement that changes todos queues its owners' feeds, in its own
-- transaction: a change and its render are committed together or not at all.
CREATE FUNCTION "queue_feed_renders_of_todos"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "queue_owner_feed_renders"(ARRAY(SELECT DISTINCT "owner_id" FROM "new_todos"));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "queue_owner_feed_renders"(ARRAY(SELECT DISTINCT "owner_id" FROM "old_todos"));
  ELSE
    -- Both owners: a todo that changes hands leaves one feed and joins another.
    PERFORM "queue_owner_feed_renders"(ARRAY(
      SELECT "owner_id" FROM "new_todos" UNION SELECT "owner_id" FROM "old_todos"));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "todos_queue_feed_renders_on_insert"
AFTER INSERT ON "todos" REFERENCING NEW TABLE AS "new_todos"
FOR EACH STATEMENT EXECUTE FUNCTION "queue_feed_renders_of_todos"();
CREATE TRIGGER "todos_queue_feed_renders_on_update"
AFTER UPDATE ON "todos" REFERENCING OLD TABLE AS "old_todos" NEW TABLE AS "new_todos"
FOR EACH STATEMENT EXECUTE FUNCTION "queue_feed_renders_of_todos"();
CREATE TRIGGER "todos_queue_feed_renders_on_delete"
AFTER DELETE ON "todos" REFERENCING OLD TABLE AS "old_todos"
FOR EACH STATEMENT EXECUTE FUNCTION "queue_feed_renders_of_todos"();

-- A new feed is rendered at once; one whose settings change, again.
CREATE FUNCTION "queue_render_of_feed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "queue_feed_render"(NEW."id", INTERVAL '0');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "calendar_feeds_queue_render"
AFTER INSERT OR UPDATE OF "owner_id", "name", "completed", "window_days", "reminder_minutes"
ON "calendar_feeds" FOR EACH ROW EXECUTE FUNCTION "queue_render_of_feed"();
