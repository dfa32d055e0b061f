-- Export events name the export's owner, so that the API streams each user
-- only their own exports (and the admin everyone's).
CREATE OR REPLACE FUNCTION "notify_calendar_export_event"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('calendar_export_events', json_build_object(
    'task_id', NEW.id,
    'owner_id', NEW.owner_id,
    'task_status', NEW.status,
    'progress', NEW.progress,
    'attempts', NEW.attempts,
    'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  )::text);
  RETURN NULL;
END;
$$;

-- A new export's job waits behind its owner's other waiting exports only (its
-- priority is their count): this index answers that count.
CREATE INDEX "calendar_exports_owner_id_status_idx" ON "calendar_exports"("owner_id", "status");

-- A reusable calendar is looked up by the todos' current revision, then its owner.
DROP INDEX "calendar_exports_todos_revision_idx";
CREATE INDEX "calendar_exports_todos_revision_owner_id_idx" ON "calendar_exports"("todos_revision", "owner_id");
