/**
 * Where the app must send the user for its current state: the pure decision behind the guard in
 * the root layout, kept apart so that it is tested without a browser.
 */
import type { Pathname } from '$app/types';
import type { Role } from '$lib/api/schemas';
import { PUBLIC_PATHS, canOpen, homePath } from './navigation.ts';

/** The app's state from the user's point of view; see `SessionState.phase`. */
export type Phase = 'loading' | 'unreachable' | 'setup' | 'anonymous' | 'must-change-password' | 'ready';

export interface RouteInput {
  phase: Phase;
  pathname: string;
  /** The query's `next` (where to go after login), if any. */
  next: string | null;
  role: Role | null;
  /** The first admin is still on the setup page, choosing whether to load the demo. */
  onboarding: boolean;
  /** On the way to login, remember the page to come back to (not after a deliberate logout). */
  rememberPlace: boolean;
}

/** A path of this app, optionally with a query: what `resolve()` and `goto()` accept. */
export type AppHref = Pathname | `${Pathname}?${string}`;

/** A path inside this app that is safe to go to after login: no other origin, no scheme. */
export function safeNext(next: string | null): AppHref | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  // Checked to be a same-origin path; an unknown one shows the app's "page not found".
  return next as AppHref;
}

/** Paths that hold no page of their own for a logged-in user. */
const ENTRY_PATHS: readonly string[] = [
  '/',
  PUBLIC_PATHS.setup,
  PUBLIC_PATHS.login,
  PUBLIC_PATHS.changePassword
];

/**
 * The path to go to (replacing the current history entry), or null to stay. `pathname` is a
 * path without query; the returned path may carry a `?next=` to come back after login.
 */
export function redirectFor({
  phase,
  pathname,
  next,
  role,
  onboarding,
  rememberPlace
}: RouteInput): AppHref | null {
  switch (phase) {
    case 'loading':
    case 'unreachable':
      return null;
    case 'setup':
      return pathname === PUBLIC_PATHS.setup ? null : PUBLIC_PATHS.setup;
    case 'anonymous': {
      if (pathname === PUBLIC_PATHS.login) return null;
      const back = rememberPlace && !ENTRY_PATHS.includes(pathname) ? pathname : null;
      return back ? `${PUBLIC_PATHS.login}?next=${encodeURIComponent(back)}` : PUBLIC_PATHS.login;
    }
    case 'must-change-password':
      return pathname === PUBLIC_PATHS.changePassword ? null : PUBLIC_PATHS.changePassword;
    case 'ready': {
      if (role === null) return null;
      if (onboarding && pathname === PUBLIC_PATHS.setup) return null;
      if (!ENTRY_PATHS.includes(pathname)) return null;
      const target = safeNext(next);
      const to = target && canOpen(role, target.split('?')[0]!) ? target : homePath(role);
      // Staff's home is the start address itself: stay there.
      return to === pathname ? null : to;
    }
  }
}
