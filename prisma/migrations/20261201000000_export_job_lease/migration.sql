-- The graphile-worker job that owns an export: only an attempt running this
-- job may write the export. The export store gives the export a new job
-- (a new id) whenever it takes the export from an attempt that may still be
-- running, so a stale attempt's writes, and graphile-worker's completion of
-- its job, touch nothing.
ALTER TABLE "calendar_exports" ADD COLUMN "job_id" BIGINT;

-- CreateIndex
CREATE INDEX "calendar_exports_job_id_idx" ON "calendar_exports"("job_id");

-- Exports still under way when this migration runs keep the job they have.
-- (On a fresh database the queue's schema is installed after our migrations.)
DO $$
BEGIN
  IF to_regclass('graphile_worker.jobs') IS NOT NULL THEN
    UPDATE "calendar_exports" AS e
       SET "job_id" = j.id
      FROM graphile_worker.jobs AS j
     WHERE j.key = e.id::text
       AND e.status NOT IN ('SUCCESS', 'FAILURE');
  END IF;
END;
$$;
