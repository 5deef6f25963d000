# Accord node image: build with the dev dependencies, run with the production ones only.
#   docker build -t accord .
#   docker run -p 6100:6100 -v accord-data:/data accord
# Settings come from ACCORD_* variables, or from a TOML file mounted at /etc/accord/accord.toml and
# named by -e ACCORD_CONFIG=/etc/accord/accord.toml (docs/reference/configuration.md).
# Without a Docker engine: npm run rehearse:image replays this file (docs/guides/operations.md).

FROM node:20-bookworm-slim AS build
WORKDIR /src
# Native modules (better-sqlite3, re2) build here when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3 re2
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/bundle-cli.mjs ./scripts/
COPY src ./src
# `npm run build` ends with the web console (vite, web/vite.config.ts), served by the node at `/`.
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    ACCORD_DB=/data/accord.db \
    ACCORD_HOST=0.0.0.0 \
    ACCORD_PORT=6100
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY LICENSE README.md ./
# The node runs as an unprivileged user that owns only its data folder.
RUN groupadd --system accord && useradd --system --gid accord --home-dir /data accord \
  && mkdir -p /data /etc/accord && chown accord:accord /data
USER accord
VOLUME ["/data"]
EXPOSE 6100
# Plain HTTP off loopback needs --insecure-http: put TLS in front, or give ACCORD_TLS_CERT and
# ACCORD_TLS_KEY (then change the health check to https).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.ACCORD_PORT || 6100) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["serve", "--insecure-http"]
