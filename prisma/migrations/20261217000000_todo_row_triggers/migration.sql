-- A todo write costs one trigger call (issue 19). Every write of the API is a
-- single-row statement, for which the two BEFORE row triggers and the AFTER
-- statement triggers of 20261212000000_calendar_content,
-- 20261215000000_owner_revisions and 20261216000000_owner_feed_fan_out (their
-- transition tables, their array_agg) were four trigger calls and as many
-- statements on the owner's row: the write cost the database nearly twice what
-- the row alone does. Now one BEFORE row trigger does it all, in one statement
-- on the row of each owner the todo joins or leaves.
--
-- The owner's revision now moves once per todo written rather than once per
-- statement (a statement writing n todos of an owner moves it n times); what
-- stays: each todo records the revision of its last change, every todo an
-- owner loses leaves a tombstone at one of the owner's revisions, the owner's
-- row stays locked by the writer until it commits (so revisions commit in
-- order), the todo count stays exact, and a render job is queued per owner
-- with feeds (its job key makes the calls of one statement one job).

-- An update that changes none of the todo's fields is no edit: neither its
-- SEQUENCE nor its LAST-MODIFIED moves (as "count_todo_edit" did), and when
-- nothing at all changed (not the owner either) neither does any revision, and
-- no lock is taken. Otherwise: the owner the todo leaves (deleted, or given to
-- another owner) moves on with one todo less and a tombstone at its new
-- revision; the owner the todo is written for moves on (one todo more if it
-- is new to them), and the todo takes that revision, whatever a writer gave.
-- A statement writing n todos of one owner writes the owner's row n times in
-- one transaction, each time past the versions before it (none can be pruned
-- before commit): quadratic, so the one bulk write of the product, giving all
-- of an owner's todos to another, goes through "give_todos" below.
-- BEFORE DELETE rather than AFTER: no after-trigger event to queue, and the
-- row is locked by then, so the delete happens.
CREATE FUNCTION "advance_owners_of_todo"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  "moved_to" BIGINT;
  "feeds" INTEGER;
  "last_started_at" TIMESTAMPTZ;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.title, NEW.description, NEW.completed, NEW.deadline_at, NEW.deadline_all_day)
       IS DISTINCT FROM (OLD.title, OLD.description, OLD.completed, OLD.deadline_at, OLD.deadline_all_day) THEN
      NEW."sequence" := OLD."sequence" + 1;
    ELSE
      NEW."sequence" := OLD."sequence";
      NEW."updated_at" := OLD."updated_at";
    END IF;
    -- "give_todos" below does the owners' part of its transfer itself, once.
    IF current_setting('taskoverflow.giving_todos', true) = 'on' THEN
      RETURN NEW;
    END IF;
    NEW."revision" := OLD."revision";
    IF NEW IS NOT DISTINCT FROM OLD THEN
      RETURN NEW;
    END IF;
  END IF;

  -- NEW is null on DELETE and OLD on INSERT: reading either's fields is no error.
  IF TG_OP = 'DELETE' OR NEW."owner_id" <> OLD."owner_id" THEN
    UPDATE "owner_revisions" AS o
       SET "revision" = o."revision" + 1, "todo_count" = o."todo_count" - 1
     WHERE o."owner_id" = OLD."owner_id"
       AND EXISTS (SELECT FROM "users" AS u WHERE u."id" = OLD."owner_id")
    RETURNING o."revision", o."feed_count", o."feeds_render_started_at"
         INTO "moved_to", "feeds", "last_started_at";
    -- Else the owner is being deleted, their todos and their row of
    -- owner_revisions going by cascade: the row is not written (a second write
    -- of it in the transaction would fail its foreign key check, the user being
    -- gone), and no tombstone would serve anybody.
    IF FOUND THEN
      INSERT INTO "todo_tombstones" ("owner_id", "revision", "todo_id")
      VALUES (OLD."owner_id", "moved_to", OLD."id");
      IF "feeds" > 0 THEN
        PERFORM "queue_owner_feed_renders"(OLD."owner_id", "last_started_at");
      END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
  END IF;

  -- On INSERT the todo is new to its owner too (OLD is null).
  UPDATE "owner_revisions" AS o
     SET "revision" = o."revision" + 1,
         "todo_count" = o."todo_count" + (NEW."owner_id" IS DISTINCT FROM OLD."owner_id")::int
   WHERE o."owner_id" = NEW."owner_id"
  RETURNING o."revision", o."feed_count", o."feeds_render_started_at"
       INTO NEW."revision", "feeds", "last_started_at";
  IF "feeds" > 0 THEN
    PERFORM "queue_owner_feed_renders"(NEW."owner_id", "last_started_at");
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER "todos_count_edit" ON "todos";
DROP TRIGGER "todos_take_owner_revision" ON "todos";
DROP TRIGGER "todos_advance_owners_on_insert" ON "todos";
DROP TRIGGER "todos_advance_owners_on_update" ON "todos";
DROP TRIGGER "todos_advance_owners_on_delete" ON "todos";
DROP TRIGGER "todos_advance_owners_on_truncate" ON "todos";
DROP FUNCTION "count_todo_edit"();
DROP FUNCTION "take_owner_revision"();
DROP FUNCTION "advance_owners_of_todos"();

CREATE TRIGGER "todos_advance_owners"
BEFORE INSERT OR UPDATE OR DELETE ON "todos"
FOR EACH ROW EXECUTE FUNCTION "advance_owners_of_todo"();

-- TRUNCATE fires no row trigger: before it empties the table, every todo goes
-- as if deleted, each owner moving on once (a truncate is rare, and may be big).
CREATE FUNCTION "advance_owners_on_truncate"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  "owners" UUID[];
  "deltas" INTEGER[];
  "gone_ids" INTEGER[];
  "gone_owners" UUID[];
BEGIN
  SELECT array_agg("id"), array_agg("owner_id") INTO "gone_ids", "gone_owners" FROM "todos";
  SELECT array_agg("owner_id"), array_agg(-"n") INTO "owners", "deltas"
    FROM (SELECT "owner_id", count(*)::int AS "n" FROM unnest("gone_owners") AS "owner_id"
           GROUP BY "owner_id") AS c;
  PERFORM "advance_owners"("owners", "deltas", "gone_ids", "gone_owners");
  RETURN NULL;
END;
$$;

CREATE TRIGGER "todos_advance_owners_on_truncate"
BEFORE TRUNCATE ON "todos"
FOR EACH STATEMENT EXECUTE FUNCTION "advance_owners_on_truncate"();

-- Gives every todo of `from_owner` to `to_owner` (the first account takes the
-- local owner's) as one change of each owner: the trigger's part done once for
-- all, in one statement on each owner's row, however many todos there are. The
-- todos keep their sequence and updated_at (a new owner is no edit); each takes
-- the new owner's next revision and leaves a tombstone at the old owner's.
-- `to_owner` is locked first, so that its next revision is the one the todos take.
-- @returns how many todos it gave.
CREATE FUNCTION "give_todos"("from_owner" UUID, "to_owner" UUID) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  "moved_to" BIGINT;
  "given" INTEGER[];
  "n" INTEGER;
BEGIN
  SELECT o."revision" + 1 INTO "moved_to" FROM "owner_revisions" AS o
   WHERE o."owner_id" = "to_owner" FOR NO KEY UPDATE;
  PERFORM set_config('taskoverflow.giving_todos', 'on', true);
  WITH "moved" AS (
    UPDATE "todos" AS t SET "owner_id" = "to_owner", "revision" = "moved_to"
     WHERE t."owner_id" = "from_owner" RETURNING t."id"
  )
  SELECT array_agg("id") INTO "given" FROM "moved";
  PERFORM set_config('taskoverflow.giving_todos', '', true);
  "n" := coalesce(cardinality("given"), 0);
  IF "n" > 0 THEN
    PERFORM "advance_owners"(ARRAY["from_owner", "to_owner"], ARRAY[-"n", "n"],
                             "given", array_fill("from_owner", ARRAY["n"]));
  END IF;
  RETURN "n";
END;
$$;
