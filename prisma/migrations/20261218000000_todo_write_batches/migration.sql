-- Edits of many todos of one owner in one statement: the API's group commit
-- (packages/db/src/group-commit.ts) sends the edits that arrive while the
-- owner's previous batch is in the database as one call. The i-th todo of
-- "todo_ids" takes the i-th value of each field; a null value keeps the
-- field, and a null in "new_all_days" keeps the deadline (both its columns).
-- The todos are locked first, in id order, and only then does the trigger
-- take the owner's row: a single-row write takes its todo and then the
-- owner's row, so a batch and a single write, or two batches of two API
-- processes, never wait for each other in a cycle.
CREATE FUNCTION "update_todos"(
  "of_owner" UUID, "todo_ids" INTEGER[], "new_titles" TEXT[], "new_descriptions" TEXT[],
  "new_completed" BOOLEAN[], "new_deadlines" TIMESTAMP[], "new_all_days" BOOLEAN[]
) RETURNS SETOF "todos"
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM FROM "todos" AS t WHERE t."owner_id" = "of_owner" AND t."id" = ANY ("todo_ids")
    ORDER BY t."id" FOR NO KEY UPDATE;
  RETURN QUERY
  UPDATE "todos" AS t SET
    "title" = COALESCE(e."title", t."title"),
    "description" = COALESCE(e."description", t."description"),
    "completed" = COALESCE(e."completed", t."completed"),
    "deadline_at" = CASE WHEN e."all_day" IS NULL THEN t."deadline_at" ELSE e."deadline_at" END,
    "deadline_all_day" = COALESCE(e."all_day", t."deadline_all_day"),
    "updated_at" = now()
  FROM unnest("todo_ids", "new_titles", "new_descriptions", "new_completed", "new_deadlines", "new_all_days")
       AS e("id", "title", "description", "completed", "deadline_at", "all_day")
  WHERE t."owner_id" = "of_owner" AND t."id" = e."id"
  RETURNING t.*;
END;
$$;
