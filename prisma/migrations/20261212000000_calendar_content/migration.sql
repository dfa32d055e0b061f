-- Calendar content: all-day deadlines, an edit counter per todo (the events' SEQUENCE),
-- and a time zone per user.

-- A deadline given as a date alone (`YYYY-MM-DD`) is stored as that day's midnight, marked
-- all day. The window filter (`deadline_at <= now + N days`) then takes it exactly when its
-- day is inside the window, and the (owner_id, deadline_at) index serves both kinds.
-- Existing deadlines are times of day (a constant default: no table rewrite).
ALTER TABLE "todos" ADD COLUMN "deadline_all_day" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "todos" ADD CONSTRAINT "todos_all_day_deadline_is_a_day"
  CHECK (NOT "deadline_all_day" OR ("deadline_at" IS NOT NULL AND "deadline_at" = date_trunc('day', "deadline_at")));

-- How many times the todo was edited: written as SEQUENCE, so that a calendar app holding
-- the event replaces it. A trigger, so that no writer can forget it.
ALTER TABLE "todos" ADD COLUMN "sequence" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "count_todo_edit"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.title, NEW.description, NEW.completed, NEW.deadline_at, NEW.deadline_all_day)
     IS DISTINCT FROM (OLD.title, OLD.description, OLD.completed, OLD.deadline_at, OLD.deadline_all_day) THEN
    NEW.sequence := OLD.sequence + 1;
  ELSE
    -- Nothing of the todo changed (an update that repeats it, or a change of owner):
    -- neither its SEQUENCE nor its LAST-MODIFIED moves.
    NEW.sequence := OLD.sequence;
    NEW.updated_at := OLD.updated_at;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "todos_count_edit"
BEFORE UPDATE ON "todos"
FOR EACH ROW EXECUTE FUNCTION "count_todo_edit"();

-- The zone of the user's calendars: an IANA name, 'floating', or NULL for the instance's
-- default (CALENDAR_TIME_ZONE). The API accepts only zones the calendar builder knows.
ALTER TABLE "users" ADD COLUMN "time_zone" VARCHAR(64);

-- A calendar made before a change of zone has its events in the old one: bumping the todos'
-- revision keeps any later export from reusing it (see 20261201100000_calendar_reuse).
CREATE TRIGGER "users_time_zone_bump_todos_revision"
AFTER UPDATE OF "time_zone" ON "users"
FOR EACH ROW
WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
EXECUTE FUNCTION "bump_todos_revision"();
