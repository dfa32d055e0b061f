import { defineConfig } from 'prisma/config';

// The CLI is used for `prisma generate` only: migrations are applied by
// @taskoverflow/db's runner (the schema engine cannot be downloaded here).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/taskoverflow' },
});
