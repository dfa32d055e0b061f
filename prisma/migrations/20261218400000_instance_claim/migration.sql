-- Claiming the instance: no account is admin by being first. While none is, the
-- API makes a one-time setup code at start and keeps only its SHA-256 here, in
-- one row (every API process accepts it; a later start replaces it); the
-- sign-up that presents it deletes the row, in the transaction that makes it admin.
CREATE TABLE "instance_setup_codes" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "code_sha256" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "instance_setup_codes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "instance_setup_codes_one_row" CHECK ("id")
);

-- Single-use invite links of SIGN_UP=invite: only their SHA-256 is kept; the
-- sign-up that uses one deletes it, and so does revoking it.
CREATE TABLE "invites" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "token_sha256" CHAR(64) NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invites_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invites_token_sha256_key" ON "invites"("token_sha256");

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
