/**
 * The web console as one encapsulated Fastify plugin: the built files of `web/` (Vite's output
 * in dist/web) at `/`. The console's own URLs answer index.html (the app routes in the
 * browser, so a shared link opens directly); hashed assets are cached for good. Nothing here
 * touches /taxii2/ or /api/: other URLs keep the node's not-found answer.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { CONSOLE_HEADERS } from './security-headers.js';

/** Options of the web plugin. */
export interface WebPluginOptions {
  /** The folder with index.html and assets/ (see findWebRoot). */
  readonly root: string;
}

/** The console's URLs (CONTRACT.md "Web console"), each answered with index.html. */
export const CONSOLE_ROUTES = [
  '/',
  '/search',
  '/objects/:id',
  '/attribution',
  '/advisories',
  '/advisories/:id',
  '/peers',
  '/audit',
] as const;

/** Serves the console; register it at the root (no prefix). */
export const webPlugin: FastifyPluginAsync<WebPluginOptions> = async (app, options) => {
  const index = await readFile(join(options.root, 'index.html'));
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(CONSOLE_HEADERS);
    return payload;
  });
  await app.register(fastifyStatic, {
    root: join(options.root, 'assets'),
    prefix: '/assets/',
    // Only files that exist at start-up get a route; any other /assets/ URL is the node's 404.
    wildcard: false,
    index: false,
    dotfiles: 'deny',
    // File names carry a content hash (Vite), so a file never changes under its name.
    immutable: true,
    maxAge: '365d',
  });
  for (const url of CONSOLE_ROUTES) {
    app.get(url, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index),
    );
  }
};
