/**
 * Document routes. `GET /api/docs/:docId/access` answers what the sync upgrade would, as plain
 * HTTP a browser can read: a browser sees a refused websocket upgrade only as close code 1006,
 * so the sync client asks here before it gives up on a doc (src/lib/sync/doc-registry.ts).
 * The rules are the upgrade's (server/sync/access.ts), in the same order: session, doc, access.
 */
import type { DocAccessResponse } from '../../src/lib/api/schemas.ts';
import type { ApiRouter } from '../context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { accessTo } from '../sync/access.ts';
import { docIdOf } from '../sync/upgrade-refusal.ts';

const DOCS_PREFIX = '/api/docs/';

export function registerDocRoutes(router: ApiRouter): void {
  router.add('GET', '/api/docs/:docId/access', async ({ req, deps, url }) => {
    const { user } = await deps.auth.require(req);
    // The same id check as the upgrade's: anything else is no doc at all.
    const docId = docIdOf(url.pathname.slice(0, -'/access'.length), DOCS_PREFIX);
    const record = docId === null ? null : await deps.store.directory.doc(docId);
    if (!record) throw notFound('No such document.');
    const access = await accessTo(deps.store, user, record);
    if (!access) throw forbidden('You may not open this document.');
    const body: DocAccessResponse = { docId: record.docId, access };
    return { status: 200, body };
  });
}
