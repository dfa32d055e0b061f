-- An export event also carries the columns a status answer is made of
-- (`state`, named as the export summary's fields), so that a status request
-- waiting for the export's end answers from the event instead of reading the
-- export again. A NOTIFY payload must stay under 8000 bytes: when a long
-- last_error would not fit, the event goes without `state` and the waiting
-- request reads the export as before.
-- `at` now has microseconds: a waiting request compares it with the moment it
-- read the export, to tell an event committed before that read (stale) from
-- one committed after.
CREATE OR REPLACE FUNCTION "notify_calendar_export_event"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  event jsonb := jsonb_build_object(
    'task_id', NEW.id,
    'owner_id', NEW.owner_id,
    'task_status', NEW.status,
    'progress', NEW.progress,
    'attempts', NEW.attempts,
    'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
  payload text := (event || jsonb_build_object('state', jsonb_build_object(
    'lastError', NEW.last_error,
    'todoCount', NEW.todo_count,
    'eventCount', NEW.event_count,
    'contentEncoding', NEW.content_encoding,
    'sizeBytes', NEW.size_bytes,
    'contentSha256', NEW.content_sha256,
    'startedAt', NEW.started_at,
    'finishedAt', NEW.finished_at,
    'expiresAt', NEW.expires_at)))::text;
BEGIN
  IF octet_length(payload) >= 8000 THEN
    payload := event::text;
  END IF;
  PERFORM pg_notify('calendar_export_events', payload);
  RETURN NULL;
END;
$$;
