/** What route handlers and the sync layer share: built once in app.ts and passed in. */
import type { Config } from './config.ts';
import type { ServerEventBus } from './events.ts';
import type { Log } from './log.ts';
import type { AuthService } from './auth/auth-service.ts';
import type { SetupState } from './auth/setup-state.ts';
import type { Store } from './store/types.ts';
import type { RequestContext, Router } from './http/router.ts';

export interface Deps {
  config: Config;
  store: Store;
  auth: AuthService;
  events: ServerEventBus;
  log: Log;
  setup: SetupState;
  /** The package version, for /api/health. */
  version: string;
}

export type ApiContext = RequestContext & { deps: Deps; address: string };
export type ApiRouter = Router<ApiContext>;
