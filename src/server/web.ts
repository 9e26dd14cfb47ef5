import type { FastifyInstance } from 'fastify';

/** The web app at `/`: the built files of `web/` (dist/web). */
export async function registerWeb(_app: FastifyInstance): Promise<void> {
  // Filled in with the app.
}
