-- Per-owner change tracking: the todos' revision is each owner's own, so that a
-- todo write locks only rows of its owner (the single todos_revision row of
-- 20261201100000_calendar_reuse made every writer of every owner wait in line).
-- Each todo records the revision of its last change, and a deleted todo leaves
-- a tombstone: what changed for an owner since revision R is one indexed query.

-- Every statement that changes an owner's todos bumps the owner's revision once,
-- in its own transaction, so whoever reads revision R also sees every change up to R.
CREATE TABLE "owner_revisions" (
  "owner_id" UUID NOT NULL,
  "revision" BIGINT NOT NULL DEFAULT '0'::bigint,
  CONSTRAINT "owner_revisions_pkey" PRIMARY KEY ("owner_id"),
  CONSTRAINT "owner_revisions_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Every owner starts at the global revision: a finished export made at it is
-- still reusable (nothing changed since), and no older one can ever match.
INSERT INTO "owner_revisions" ("owner_id", "revision")
SELECT "id", (SELECT "revision" FROM "todos_revision") FROM "users";

CREATE FUNCTION "create_owner_revisions"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "owner_revisions" ("owner_id") SELECT "id" FROM "new_users";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "users_create_owner_revisions"
AFTER INSERT ON "users" REFERENCING NEW TABLE AS "new_users"
FOR EACH STATEMENT EXECUTE FUNCTION "create_owner_revisions"();

-- The owner's revision at the todo's last insert or update. Existing todos get
-- their owner's current revision (a constant default: no table rewrite, no
-- trigger); later ones get theirs from "take_owner_revision" below, and the
-- default 0 only lets writers leave the column out.
DO $$
BEGIN
  EXECUTE format('ALTER TABLE "todos" ADD COLUMN "revision" BIGINT NOT NULL DEFAULT %s',
                 (SELECT "revision" FROM "todos_revision"));
END;
$$;
ALTER TABLE "todos" ALTER COLUMN "revision" SET DEFAULT '0'::bigint;
CREATE INDEX "todos_owner_id_revision_idx" ON "todos"("owner_id", "revision");

-- A todo gone from an owner (deleted, or given to another owner) at one of the
-- owner's revisions; kept TOMBSTONE_RETENTION_DAYS (packages/db/src/todos/
-- todo-changes.ts), then the worker's purge deletes it. No foreign key: the todos of a deleted user leave theirs as the user's
-- row goes, and the purge takes them too.
CREATE TABLE "todo_tombstones" (
  "owner_id" UUID NOT NULL,
  "revision" BIGINT NOT NULL,
  "todo_id" INTEGER NOT NULL,
  "deleted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "todo_tombstones_pkey" PRIMARY KEY ("owner_id", "revision", "todo_id")
);
-- Tombstones are written in deletion order: a BRIN index finds the old ones for
-- the purge at almost no cost to each delete.
CREATE INDEX "todo_tombstones_deleted_at_idx" ON "todo_tombstones" USING BRIN ("deleted_at");

-- Bumps the revision of each of `owners` once (duplicates count once), and
-- leaves a tombstone at the new revision for each todo `gone_ids[i]` of owner
-- `gone_owners[i]` (an owner also among `owners`; null arrays: no todo went).
CREATE FUNCTION "bump_owner_revisions"("owners" UUID[], "gone_ids" INTEGER[] DEFAULT NULL,
                                       "gone_owners" UUID[] DEFAULT NULL) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  WITH "bumped" AS (
    UPDATE "owner_revisions" SET "revision" = "revision" + 1
     WHERE "owner_id" = ANY("owners")
    RETURNING "owner_id", "revision"
  )
  INSERT INTO "todo_tombstones" ("owner_id", "revision", "todo_id")
  SELECT "gone"."owner_id", "bumped"."revision", "gone"."id"
    FROM unnest("gone_ids", "gone_owners") AS "gone"("id", "owner_id")
    JOIN "bumped" ON "bumped"."owner_id" = "gone"."owner_id";
END;
$$;

-- The revision the statement writing this todo moves its owner to (the
-- statement triggers below bump it once, after the rows): the lock keeps the
-- owner's revision this transaction's until it commits, so no writer of the
-- same owner can take the same one, and revisions commit in order. An update
-- that changes nothing keeps the todo's revision (and takes no lock): this
-- trigger comes after "todos_count_edit" (triggers fire in name order), which
-- has then given such an update back its updated_at.
CREATE FUNCTION "take_owner_revision"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    NEW."revision" := OLD."revision";
    IF NEW IS NOT DISTINCT FROM OLD THEN
      RETURN NEW;
    END IF;
  END IF;
  SELECT "revision" + 1 INTO NEW."revision" FROM "owner_revisions"
   WHERE "owner_id" = NEW."owner_id" FOR NO KEY UPDATE;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "todos_take_owner_revision"
BEFORE INSERT OR UPDATE ON "todos"
FOR EACH ROW EXECUTE FUNCTION "take_owner_revision"();

-- Every statement that changes todos bumps the revision of each owner whose
-- todos it changed, once; a deleted todo, or one given to another owner, is a
-- tombstone for the owner it leaves.
CREATE FUNCTION "bump_owner_revisions_of_todos"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  "gone_ids" INTEGER[];
  "gone_owners" UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "bump_owner_revisions"(ARRAY(SELECT DISTINCT "owner_id" FROM "new_todos"));
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(o."id"), array_agg(o."owner_id") INTO "gone_ids", "gone_owners"
      FROM "old_todos" AS o JOIN "new_todos" AS n USING ("id") WHERE n."owner_id" <> o."owner_id";
    PERFORM "bump_owner_revisions"(
      ARRAY(SELECT "owner_id" FROM "new_todos" UNION SELECT "owner_id" FROM "old_todos"),
      "gone_ids", "gone_owners");
  ELSE
    IF TG_OP = 'DELETE' THEN
      SELECT array_agg("id"), array_agg("owner_id") INTO "gone_ids", "gone_owners" FROM "old_todos";
    ELSE
      -- TRUNCATE, before it empties the table: every todo goes, as if deleted.
      SELECT array_agg("id"), array_agg("owner_id") INTO "gone_ids", "gone_owners" FROM "todos";
    END IF;
    PERFORM "bump_owner_revisions"("gone_owners", "gone_ids", "gone_owners");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "todos_bump_owner_revisions_on_insert"
AFTER INSERT ON "todos" REFERENCING NEW TABLE AS "new_todos"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_owner_revisions_of_todos"();
CREATE TRIGGER "todos_bump_owner_revisions_on_update"
AFTER UPDATE ON "todos" REFERENCING OLD TABLE AS "old_todos" NEW TABLE AS "new_todos"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_owner_revisions_of_todos"();
CREATE TRIGGER "todos_bump_owner_revisions_on_delete"
AFTER DELETE ON "todos" REFERENCING OLD TABLE AS "old_todos"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_owner_revisions_of_todos"();
CREATE TRIGGER "todos_bump_owner_revisions_on_truncate"
BEFORE TRUNCATE ON "todos"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_owner_revisions_of_todos"();

-- A calendar made before a change of zone has its events in the old one: the
-- owner's revision moves (see 20261212000000_calendar_content).
CREATE FUNCTION "bump_owner_revision_of_user"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bump_owner_revisions"(ARRAY[NEW."id"]);
  RETURN NULL;
END;
$$;

DROP TRIGGER "users_time_zone_bump_todos_revision" ON "users";
CREATE TRIGGER "users_time_zone_bump_owner_revision"
AFTER UPDATE OF "time_zone" ON "users"
FOR EACH ROW
WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
EXECUTE FUNCTION "bump_owner_revision_of_user"();

-- An attempt takes its owner's revision as it starts (see 20261201100000_calendar_reuse).
CREATE OR REPLACE FUNCTION "take_todos_revision"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."todos_revision" := (SELECT "revision" FROM "owner_revisions" WHERE "owner_id" = NEW."owner_id");
  RETURN NEW;
END;
$$;

-- A reusable calendar is looked up by its owner, then the owner's current revision.
DROP INDEX "calendar_exports_todos_revision_owner_id_idx";
CREATE INDEX "calendar_exports_owner_id_todos_revision_idx" ON "calendar_exports"("owner_id", "todos_revision");

DROP TRIGGER "todos_bump_revision" ON "todos";
DROP FUNCTION "bump_todos_revision"();
DROP TABLE "todos_revision";
