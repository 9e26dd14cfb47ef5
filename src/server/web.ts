import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The built app (`scripts/build-web.mjs`), beside the compiled server: dist/web. */
const ROOT = fileURLToPath(new URL('../web/', import.meta.url));

/**
 * The web app at `/`: the built files of `web/` (dist/web). Only those files are routes; any other
 * path keeps the API's JSON 404, and the app itself routes by the URL's hash.
 */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(`${ROOT}index.html`)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.code(503).send({ error: { code: 'E_NO_WEB_APP', message: 'the web app is not built: run `npm run build`' } }),
    );
    return;
  }
  // max-age=0: browsers revalidate by ETag on each load, as the file names carry no hash to cache them by.
  await app.register(fastifyStatic, { root: ROOT, wildcard: false, index: 'index.html', maxAge: 0 });
}
