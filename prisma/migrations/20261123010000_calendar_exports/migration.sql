-- CreateEnum
CREATE TYPE "export_status" AS ENUM ('PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE');

-- CreateTable
CREATE TABLE "calendar_exports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "status" "export_status" NOT NULL DEFAULT 'PENDING',
    "completed" BOOLEAN,
    "window_days" INTEGER,
    "idempotency_key" VARCHAR(255),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL,
    "last_error" TEXT,
    "todo_count" INTEGER,
    "event_count" INTEGER,
    "progress" REAL NOT NULL DEFAULT 0,
    "content" BYTEA,
    "size_bytes" INTEGER,
    "content_sha256" CHAR(64),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "calendar_exports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "pool_id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("pool_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "calendar_exports_idempotency_key_key" ON "calendar_exports"("idempotency_key");

-- CreateIndex
CREATE INDEX "calendar_exports_created_at_idx" ON "calendar_exports"("created_at");

-- CreateIndex
CREATE INDEX "calendar_exports_expires_at_idx" ON "calendar_exports"("expires_at");

-- CreateIndex
CREATE INDEX "calendar_exports_status_idx" ON "calendar_exports"("status");

-- CreateIndex
CREATE INDEX "worker_heartbeats_last_seen_at_idx" ON "worker_heartbeats"("last_seen_at");
