-- Accounts: users, their sessions and API tokens; every todo and export has an owner.

-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('owner', 'admin', 'member');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" VARCHAR(254) NOT NULL,
    "password_hash" TEXT,
    "role" "user_role" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    -- Stored normalised, so that the unique index ignores case (the API trims and lower-cases).
    CONSTRAINT "users_email_normalised" CHECK ("email" = lower(btrim("email")))
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" CHAR(64) NOT NULL,
    "public_id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "user_agent" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "token_sha256" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_public_id_key" ON "sessions"("public_id");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_sha256_key" ON "api_tokens"("token_sha256");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The local owner: the one implicit user of AUTH_MODE=local (no password: it never signs in).
-- Its id is fixed (LOCAL_OWNER_ID in @taskoverflow/db); the first account to sign up takes its data.
INSERT INTO "users" ("id", "email", "role")
VALUES ('00000000-0000-0000-0000-000000000001', 'owner@localhost', 'owner');

-- Existing todos and exports are the local owner's (a constant default: no table rewrite).
ALTER TABLE "todos" ADD COLUMN "owner_id" UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001'::uuid;
ALTER TABLE "calendar_exports" ADD COLUMN "owner_id" UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001'::uuid;

-- AddForeignKey
ALTER TABLE "todos" ADD CONSTRAINT "todos_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_exports" ADD CONSTRAINT "calendar_exports_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every todo read is one owner's: each index starts with the owner.
DROP INDEX "todos_completed_id_idx";
DROP INDEX "todos_deadline_at_idx";
CREATE INDEX "todos_owner_id_id_idx" ON "todos"("owner_id", "id");
CREATE INDEX "todos_owner_id_completed_id_idx" ON "todos"("owner_id", "completed", "id");
CREATE INDEX "todos_owner_id_deadline_at_idx" ON "todos"("owner_id", "deadline_at");

-- An Idempotency-Key is the caller's own: unique per owner.
DROP INDEX "calendar_exports_idempotency_key_key";
CREATE UNIQUE INDEX "calendar_exports_owner_id_idempotency_key_key" ON "calendar_exports"("owner_id", "idempotency_key");
CREATE INDEX "calendar_exports_owner_id_created_at_idx" ON "calendar_exports"("owner_id", "created_at");

-- Whenever a credential stops being valid (a session or a token deleted: sign-out,
-- revocation, password change, expiry) or a user's role changes, the user's id is
-- announced on `credentials_changed` at commit, so that every API process drops
-- the identities it cached for that user. A trigger, so that nothing can forget it
-- (these writes are rare: the commit-order lock NOTIFY takes costs nothing here).
CREATE FUNCTION "notify_credentials_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0]: the column holding the user's id in this table.
  PERFORM pg_notify('credentials_changed', to_jsonb(OLD) ->> TG_ARGV[0]);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "sessions_notify_delete"
AFTER DELETE ON "sessions"
FOR EACH ROW EXECUTE FUNCTION "notify_credentials_changed"('user_id');

CREATE TRIGGER "api_tokens_notify_delete"
AFTER DELETE ON "api_tokens"
FOR EACH ROW EXECUTE FUNCTION "notify_credentials_changed"('user_id');

CREATE TRIGGER "users_notify_change"
AFTER UPDATE OF "role", "password_hash" OR DELETE ON "users"
FOR EACH ROW EXECUTE FUNCTION "notify_credentials_changed"('id');
