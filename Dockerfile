# NPROD image: one image for the API (default command), the worker and the migration Job.
#   docker build -t nprod:0.1.0 .
#   docker run nprod:0.1.0                                   # API on PORT (3000)
#   docker run nprod:0.1.0 node dist/apps/worker/src/main.js # worker
#   docker run nprod:0.1.0 node dist/apps/api/src/migrate.js # database migrations
#
# No "# syntax=" line on purpose: it makes BuildKit pull a frontend image from Docker Hub,
# which air-gapped build hosts cannot reach. The built-in frontend supports cache mounts.

# Current Node LTS. Override to build from a mirrored registry: --build-arg NODE_IMAGE=...
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Manifests first, so the dependency layer is reused until the lockfile changes.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm install --no-save --no-audit --no-fund
COPY . .
RUN npm run build

# Installed apart from the build stage so no dev dependency (compilers, test tools, the
# embedded PostgreSQL binaries) reaches the runtime image.
FROM ${NODE_IMAGE} AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm install --no-save --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# The application binds to 127.0.0.1 and keeps local state under ./.nprod by default: in a
# container it must listen on all interfaces, and the working directory is not writable.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    NPROD_DATA_DIR=/tmp/nprod
WORKDIR /app
# Nothing runs a package manager at run time; removing them shrinks what an intruder could use.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-* \
    && groupadd --system --gid 10001 nprod \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin nprod
# Files stay owned by root: the non-root process can read the code but never rewrite it,
# which is what lets Kubernetes run it with a read-only root filesystem.
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Numeric, so Kubernetes can verify runAsNonRoot without resolving the user name.
USER 10001:10001
EXPOSE 3000 3001
CMD ["node", "dist/apps/api/src/main.js"]
