-- Feed renders fan out in the worker: a statement that changes todos queues at
-- most one job per owner, `render-owner-feeds`, which renders every feed of the
-- owner that is behind the owner's revision. Before, the writer's transaction
-- queued a `render-feed` job per feed (and read the queue per feed): with
-- thousands of feeds, a todo write took seconds. The revision bump, the todo
-- count (the todo quota reads it) and the queueing are now one trigger per
-- statement kind, in one statement on the owner's row.

-- Kept by the feeds' triggers below: an owner without feeds queues nothing,
-- known from the row the revision bump updates anyway.
ALTER TABLE "owner_revisions" ADD COLUMN "feed_count" INTEGER NOT NULL DEFAULT 0;
-- Kept exact by the todos' triggers below, for the todo quota.
ALTER TABLE "owner_revisions" ADD COLUMN "todo_count" INTEGER NOT NULL DEFAULT 0;
-- When the owner's last render job started (the worker writes it as it starts):
-- the next one waits until half a second after it.
ALTER TABLE "owner_revisions" ADD COLUMN "feeds_render_started_at" TIMESTAMPTZ(3);
UPDATE "owner_revisions" AS o
   SET "feed_count" = (SELECT count(*) FROM "calendar_feeds" AS f WHERE f."owner_id" = o."owner_id"),
       "todo_count" = (SELECT count(*) FROM "todos" AS t WHERE t."owner_id" = o."owner_id");

-- The owner's revision the feed was last rendered at; NULL: to render (new,
-- settings changed, or its window moved). Every feed is rendered once more.
ALTER TABLE "calendar_feeds" ADD COLUMN "rendered_revision" BIGINT;

-- Queues the render of the owner's feeds half a second after the start of the
-- last one (`last_started_at`), or at once when that is older or NULL; one job
-- key per owner, and `preserve_run_at` keeps a waiting job's time, so that
-- changes made before it starts share it. A job already running keeps running,
-- and a new one is queued behind it (graphile-worker takes the key from a
-- locked job). Priority 0: an owner has at most one waiting render job, so it
-- is never behind more than one job of any other owner's (see job-queue.ts).
CREATE FUNCTION "queue_owner_feed_renders"("owner_id" UUID, "last_started_at" TIMESTAMPTZ)
RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM graphile_worker.add_job('render-owner-feeds', json_build_object('ownerId', owner_id),
                                  job_key := 'render-owner-feeds:' || owner_id,
                                  job_key_mode := 'preserve_run_at',
                                  run_at := GREATEST(now(), last_started_at + INTERVAL '500 milliseconds'));
END;
$$;

-- Bumps the revision of each of `owners` (distinct) once, adds `todo_deltas[i]`
-- to the todo count of `owners[i]`, queues the feeds' render of those with
-- feeds, and leaves a tombstone at the new revision for each todo `gone_ids[i]`
-- of owner `gone_owners[i]` (an owner also among `owners`). One statement on
-- each owner's row, which the bump locks until commit.
CREATE FUNCTION "advance_owners"("owners" UUID[], "todo_deltas" INTEGER[],
                                 "gone_ids" INTEGER[] DEFAULT NULL, "gone_owners" UUID[] DEFAULT NULL)
RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  WITH "bumped" AS (
    UPDATE "owner_revisions" AS o
       SET "revision" = o."revision" + 1, "todo_count" = o."todo_count" + c."delta"
      FROM unnest("owners", "todo_deltas") AS c("owner_id", "delta")
     WHERE o."owner_id" = c."owner_id"
    RETURNING o."owner_id", o."revision",
              CASE WHEN o."feed_count" > 0
                   THEN "queue_owner_feed_renders"(o."owner_id", o."feeds_render_started_at") END
  )
  INSERT INTO "todo_tombstones" ("owner_id", "revision", "todo_id")
  SELECT "gone"."owner_id", "bumped"."revision", "gone"."id"
    FROM unnest("gone_ids", "gone_owners") AS "gone"("id", "owner_id")
    JOIN "bumped" ON "bumped"."owner_id" = "gone"."owner_id";
END;
$$;

-- One trigger per statement kind: what the statement changed, per owner. A
-- todo deleted, or given to another owner, is a tombstone for the owner it leaves.
CREATE FUNCTION "advance_owners_of_todos"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  "owners" UUID[];
  "deltas" INTEGER[];
  "gone_ids" INTEGER[];
  "gone_owners" UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg("owner_id"), array_agg("n") INTO "owners", "deltas"
      FROM (SELECT "owner_id", count(*)::int AS "n" FROM "new_todos" GROUP BY "owner_id") AS c;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg("owner_id"), array_agg("n") INTO "owners", "deltas"
      FROM (SELECT "owner_id", sum("d")::int AS "n"
              FROM (SELECT "owner_id", 1 AS "d" FROM "new_todos"
                    UNION ALL SELECT "owner_id", -1 FROM "old_todos") AS d
             GROUP BY "owner_id") AS c;
    SELECT array_agg(o."id"), array_agg(o."owner_id") INTO "gone_ids", "gone_owners"
      FROM "old_todos" AS o JOIN "new_todos" AS n USING ("id") WHERE n."owner_id" <> o."owner_id";
  ELSE
    IF TG_OP = 'DELETE' THEN
      SELECT array_agg("id"), array_agg("owner_id") INTO "gone_ids", "gone_owners" FROM "old_todos";
    ELSE
      -- TRUNCATE, before it empties the table: every todo goes, as if deleted.
      SELECT array_agg("id"), array_agg("owner_id") INTO "gone_ids", "gone_owners" FROM "todos";
    END IF;
    SELECT array_agg("owner_id"), array_agg(-"n") INTO "owners", "deltas"
      FROM (SELECT "owner_id", count(*)::int AS "n" FROM unnest("gone_owners") AS "owner_id"
             GROUP BY "owner_id") AS c;
  END IF;
  PERFORM "advance_owners"("owners", "deltas", "gone_ids", "gone_owners");
  RETURN NULL;
END;
$$;

DROP TRIGGER "todos_queue_feed_renders_on_insert" ON "todos";
DROP TRIGGER "todos_queue_feed_renders_on_update" ON "todos";
DROP TRIGGER "todos_queue_feed_renders_on_delete" ON "todos";
DROP TRIGGER "todos_bump_owner_revisions_on_insert" ON "todos";
DROP TRIGGER "todos_bump_owner_revisions_on_update" ON "todos";
DROP TRIGGER "todos_bump_owner_revisions_on_delete" ON "todos";
DROP TRIGGER "todos_bump_owner_revisions_on_truncate" ON "todos";
DROP FUNCTION "queue_feed_renders_of_todos"();
DROP FUNCTION "bump_owner_revisions_of_todos"();

CREATE TRIGGER "todos_advance_owners_on_insert"
AFTER INSERT ON "todos" REFERENCING NEW TABLE AS "new_todos"
FOR EACH STATEMENT EXECUTE FUNCTION "advance_owners_of_todos"();
CREATE TRIGGER "todos_advance_owners_on_update"
AFTER UPDATE ON "todos" REFERENCING OLD TABLE AS "old_todos" NEW TABLE AS "new_todos"
FOR EACH STATEMENT EXECUTE FUNCTION "advance_owners_of_todos"();
CREATE TRIGGER "todos_advance_owners_on_delete"
AFTER DELETE ON "todos" REFERENCING OLD TABLE AS "old_todos"
FOR EACH STATEMENT EXECUTE FUNCTION "advance_owners_of_todos"();
CREATE TRIGGER "todos_advance_owners_on_truncate"
BEFORE TRUNCATE ON "todos"
FOR EACH STATEMENT EXECUTE FUNCTION "advance_owners_of_todos"();

-- A change of the owner's zone moves the revision (calendars made before hold
-- the old zone) and renders the owner's feeds again: one trigger now.
CREATE OR REPLACE FUNCTION "bump_owner_revision_of_user"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "advance_owners"(ARRAY[NEW."id"], ARRAY[0]);
  RETURN NULL;
END;
$$;
DROP TRIGGER "users_time_zone_queue_feed_renders" ON "users";
DROP FUNCTION "queue_feed_renders_of_user"();
DROP FUNCTION "queue_owner_feed_renders"(UUID[]);
DROP FUNCTION "bump_owner_revisions"(UUID[], INTEGER[], UUID[]);

-- A new feed, a feed given to another owner, or one whose settings change is
-- rendered (again) at once, by its owner's job, even if the revision did not move.
CREATE FUNCTION "render_feed_again"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."rendered_revision" := NULL;
  PERFORM "queue_owner_feed_renders"(NEW."owner_id", NULL);
  RETURN NEW;
END;
$$;

DROP TRIGGER "calendar_feeds_queue_render" ON "calendar_feeds";
DROP FUNCTION "queue_render_of_feed"();
DROP FUNCTION "queue_feed_render"(UUID, INTERVAL);
CREATE TRIGGER "calendar_feeds_render_again"
BEFORE INSERT OR UPDATE OF "owner_id", "name", "completed", "window_days", "reminder_minutes"
ON "calendar_feeds" FOR EACH ROW EXECUTE FUNCTION "render_feed_again"();

-- The owners' feed counts, as feeds come, go and change hands.
CREATE FUNCTION "count_owner_feeds"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "owner_revisions" SET "feed_count" = "feed_count" + 1 WHERE "owner_id" = NEW."owner_id";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "owner_revisions" SET "feed_count" = "feed_count" - 1 WHERE "owner_id" = OLD."owner_id";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "calendar_feeds_count"
AFTER INSERT OR DELETE OR UPDATE OF "owner_id" ON "calendar_feeds"
FOR EACH ROW EXECUTE FUNCTION "count_owner_feeds"();

-- Render jobs queued per feed before this migration are taken over by their
-- owners' jobs (graphile-worker's schema is installed after the first
-- migration run: on a new database there is nothing to take over).
DO $$
BEGIN
  IF to_regclass('graphile_worker.jobs') IS NOT NULL THEN
    PERFORM "queue_owner_feed_renders"(o."owner_id", NULL)
       FROM (SELECT DISTINCT "owner_id" FROM "calendar_feeds") AS o;
    PERFORM graphile_worker.remove_job(j.key)
       FROM graphile_worker.jobs AS j WHERE j.task_identifier = 'render-feed';
  END IF;
END;
$$;
