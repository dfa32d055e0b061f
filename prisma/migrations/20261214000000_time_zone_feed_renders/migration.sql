-- A feed's events are written in its owner's time zone: a change of the zone
-- queues a render of the owner's feeds, in the change's own transaction, as a
-- change of their todos does (see 20261213000000_calendar_feeds). Apart from
-- 20261212000000_calendar_content, which comes before the feeds.
CREATE FUNCTION "queue_feed_renders_of_user"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "queue_owner_feed_renders"(ARRAY[NEW."id"]);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "users_time_zone_queue_feed_renders"
AFTER UPDATE OF "time_zone" ON "users"
FOR EACH ROW
WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
EXECUTE FUNCTION "queue_feed_renders_of_user"();
