/** First run: create the first admin with the console's setup code; load the demo workspace. */
import { setupRequest, type SetupStatus } from '../../src/lib/api/schemas.ts';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import type { ApiRouter } from '../context.ts';
import { RateLimiter } from '../auth/rate-limit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { readBody } from '../http/body.ts';
import { HttpError, conflict } from '../http/errors.ts';
import { loadDemoWorkspace, isDemoWorkspace } from '../demo/demo-workspace.ts';
import { sessionCookies } from './session-cookies.ts';
import { toMe } from './public-user.ts';

export function registerSetupRoutes(router: ApiRouter): void {
  const attempts = new RateLimiter(10, 15 * 60_000);

  router.add('GET', '/api/setup', async ({ deps }) => {
    const status: SetupStatus = {
      needed: (await deps.store.users.count()) === 0,
      demo: await isDemoWorkspace(deps.store)
    };
    return { status: 200, body: status };
  });

  router.add('POST', '/api/setup', async ({ req, deps, address }) => {
    const body = await readBody(req, setupRequest, deps.config.maxBodyBytes);
    if ((await deps.store.users.count()) > 0) {
      throw conflict('Rinnalla is already set up. Log in instead.', 'already_set_up');
    }
    const wait = attempts.retryAfter(address);
    if (wait > 0) {
      throw new HttpError(
        429,
        'too_many_attempts',
        'Too many wrong setup codes. Wait and try again.',
        undefined,
        {
          'retry-after': String(wait)
        }
      );
    }
    if (!deps.setup.matches(body.setupCode)) {
      attempts.hit(address);
      throw new HttpError(
        403,
        'invalid_setup_code',
        'The setup code is wrong. It is printed in the server console.'
      );
    }
    const user = await deps.store.users.createFirst({
      id: uuidv7(),
      username: body.username,
      displayName: body.displayName ?? body.username,
      role: 'admin',
      passwordHash: await hashPassword(body.password)
    });
    if (!user) throw conflict('Rinnalla is already set up. Log in instead.', 'already_set_up');
    deps.setup.disarm();
    deps.log.info({ userId: user.id }, 'first admin created');
    const login = await deps.auth.startSession(user, { address, userAgent: req.headers['user-agent'] ?? '' });
    return {
      status: 201,
      headers: { 'set-cookie': sessionCookies(deps.config, login.token, login.csrfToken) },
      body: { ...toMe(user), token: login.token }
    };
  });

  router.add('POST', '/api/demo', async ({ req, deps }) => {
    const { user } = await deps.auth.requireRole(req, 'admin');
    const result = await loadDemoWorkspace(deps.store, user.id);
    deps.log.info({ users: result.users.length }, 'demo workspace loaded');
    return { status: 201, body: result };
  });
}
