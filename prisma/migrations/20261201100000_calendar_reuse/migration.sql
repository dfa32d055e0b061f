-- The todos' revision: every statement that changes todos bumps it, in its
-- own transaction, so whoever reads revision R also sees every change up to R.
-- A calendar made from the todos as of revision R can serve any later export
-- of the same selection while the revision is still R.
CREATE TABLE "todos_revision" (
  "id" BOOLEAN NOT NULL DEFAULT true,
  "revision" BIGINT NOT NULL,
  CONSTRAINT "todos_revision_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "todos_revision_one_row" CHECK ("id")
);
INSERT INTO "todos_revision" ("revision") VALUES (0);

CREATE FUNCTION "bump_todos_revision"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "todos_revision" SET "revision" = "revision" + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "todos_bump_revision"
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "todos"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_todos_revision"();

-- The revision of the todos an export's calendar was made from: taken as an
-- attempt starts (the update that counts it), before it reads any todo, so
-- the calendar holds every change up to it. A change made while the attempt
-- runs bumps the revision past it, and the calendar is never reused.
ALTER TABLE "calendar_exports" ADD COLUMN "todos_revision" BIGINT;
CREATE INDEX "calendar_exports_todos_revision_idx" ON "calendar_exports"("todos_revision");

CREATE FUNCTION "take_todos_revision"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."todos_revision" := (SELECT "revision" FROM "todos_revision");
  RETURN NEW;
END;
$$;

CREATE TRIGGER "calendar_exports_take_todos_revision"
BEFORE UPDATE OF "attempts" ON "calendar_exports"
FOR EACH ROW
WHEN (NEW.status = 'STARTED' AND NEW.attempts > OLD.attempts)
EXECUTE FUNCTION "take_todos_revision"();

-- The calendar is stored gzip-compressed already: PostgreSQL need not try to
-- compress it again (it would fail, at some cost) when it is written or copied.
ALTER TABLE "calendar_exports" ALTER COLUMN "content" SET STORAGE EXTERNAL;
