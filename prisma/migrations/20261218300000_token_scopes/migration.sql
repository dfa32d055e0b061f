-- API tokens carry a scope: what they may do (see TOKEN_SCOPES in @taskoverflow/contracts).
-- Tokens made before scopes existed keep reading and changing todos, exports and feeds ('write'),
-- and lose account management, which now needs a signed-in session.

-- CreateEnum
CREATE TYPE "token_scope" AS ENUM ('read', 'write', 'metrics');

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN "scope" "token_scope" NOT NULL DEFAULT 'write';
