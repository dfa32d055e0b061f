-- Sign-in attempts, counted in the database so that every API process counts
-- the same ones (issue 20): failures per client, failures per account from
-- one client, and successes per client, in 15-minute windows. The layout is
-- that of rate-limiter-flexible's RateLimiterPostgres, which reads and writes
-- it: `key` is the counter's prefix and what it counts (a client, or a hash
-- of an account and a client), `expire` the end of the window in epoch ms.
CREATE TABLE "sign_in_attempts" (
  "key" VARCHAR(255) NOT NULL,
  "points" INTEGER NOT NULL DEFAULT 0,
  "expire" BIGINT,

  CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY ("key")
);
