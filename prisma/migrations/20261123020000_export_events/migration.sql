-- Every change of an export's status or progress is announced on the
-- `calendar_export_events` channel (delivered at commit, in commit order),
-- so that the API can stream it to browsers without polling.
CREATE FUNCTION "notify_calendar_export_event"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('calendar_export_events', json_build_object(
    'task_id', NEW.id,
    'task_status', NEW.status,
    'progress', NEW.progress,
    'attempts', NEW.attempts,
    'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  )::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "calendar_exports_notify_insert"
AFTER INSERT ON "calendar_exports"
FOR EACH ROW EXECUTE FUNCTION "notify_calendar_export_event"();

CREATE TRIGGER "calendar_exports_notify_update"
AFTER UPDATE OF "status", "progress", "attempts" ON "calendar_exports"
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.progress IS DISTINCT FROM NEW.progress OR OLD.attempts IS DISTINCT FROM NEW.attempts)
EXECUTE FUNCTION "notify_calendar_export_event"();
