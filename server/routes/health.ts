import type { ApiRouter } from '../context.ts';
import { HttpError } from '../http/errors.ts';

export function registerHealthRoutes(router: ApiRouter): void {
  router.add('GET', '/api/health', async ({ deps }) => {
    if (!(await deps.store.ping()))
      throw new HttpError(503, 'database_unavailable', 'The database does not answer.');
    return { status: 200, body: { ok: true, version: deps.version } };
  });
}
