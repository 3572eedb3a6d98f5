/**
 * Presence ("who is here"): what the local user puts into awareness, and how the states of the
 * others are read back. Awareness is live-only: it is never persisted.
 *
 * Remote states are untrusted input. The server binds each connection's `user` field to the
 * authenticated user, so a name shown here is the server's; this module still checks shapes and
 * lengths, and derives the colour from the user id locally so a peer cannot pick an unreadable
 * one.
 */

/**
 * Avatar and caret colours: one hue every 24°, at a luminance that keeps white initials at
 * 4.5:1 or more (and the colour as text on a white page), and the colour at 3:1 or more against
 * the dark theme's background and header (#121719, #1b2225) and black (WCAG 1.4.11, non-text
 * contrast). presence.test.ts checks both.
 */
export const PRESENCE_PALETTE = [
  '#D92626',
  '#B25A1F',
  '#867018',
  '#657915',
  '#407E16',
  '#178242',
  '#167E69',
  '#1A7B93',
  '#266ED9',
  '#5F5FE3',
  '#8B52E0',
  '#B526D9',
  '#C723A7',
  '#D4256B'
] as const;

/** Longest name shown; longer ones are cut (a peer could send anything). */
export const MAX_PRESENCE_NAME = 80;

/** The local user as presence knows them. */
export interface PresenceUser {
  /** Stable user id (the server's). */
  id: string;
  /** Display name. */
  name: string;
}

/** The awareness field `user`: what every client publishes about its user. */
export interface AwarenessUser {
  id: string;
  name: string;
  color: string;
}

/** One person present on a document (several tabs or devices of one user merge). */
export interface PresentUser {
  id: string;
  name: string;
  color: string;
  initials: string;
  /** The local user. */
  self: boolean;
  /** How many connections (tabs, devices) this user has on the document. */
  connections: number;
}

/** FNV-1a over UTF-16 code units: small, stable across platforms, good enough to spread ids. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The user's colour: the same on every device, from PRESENCE_PALETTE. */
export function colorFor(userId: string): string {
  return PRESENCE_PALETTE[hash(userId) % PRESENCE_PALETTE.length] as string;
}

/** Up to two initials: the first letters of the first and the last word. */
export function initialsOf(name: string): string {
  // Words that start with a letter: "Olli Ohjaaja (demo)" is OO, not O(.
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w));
  const first = words[0];
  if (!first) return '?';
  const letter = (w: string) => (Array.from(w)[0] ?? '').toLocaleUpperCase();
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return letter(first) + (last ? letter(last) : '');
}

/** The awareness `user` field for the local user. */
export function awarenessUser(user: PresenceUser): AwarenessUser {
  return { id: user.id, name: user.name.slice(0, MAX_PRESENCE_NAME), color: colorFor(user.id) };
}

function readUser(state: unknown): { id: string | null; name: string } | null {
  if (typeof state !== 'object' || state === null) return null;
  const user = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const { id, name } = user as { id?: unknown; name?: unknown };
  if (typeof name !== 'string' || name.trim() === '') return null;
  return {
    id: typeof id === 'string' && id !== '' ? id : null,
    name: name.trim().slice(0, MAX_PRESENCE_NAME)
  };
}

/**
 * The people present, from an awareness state map: one entry per user id (a state without an
 * id counts as its own person), the local user first, then by name.
 */
export function presentUsers(
  states: ReadonlyMap<number, unknown>,
  selfClientId: number,
  locale = 'fi'
): PresentUser[] {
  const byId = new Map<string, PresentUser>();
  let selfKey: string | null = null;
  for (const [clientId, state] of states) {
    const user = readUser(state);
    if (!user) continue;
    const key = user.id ?? `client:${clientId}`;
    if (clientId === selfClientId) selfKey = key;
    const known = byId.get(key);
    if (known) {
      known.connections++;
      continue;
    }
    byId.set(key, {
      id: key,
      name: user.name,
      color: colorFor(key),
      initials: initialsOf(user.name),
      self: false,
      connections: 1
    });
  }
  const users = [...byId.values()];
  for (const u of users) u.self = u.id === selfKey;
  return users.sort((a, b) => (a.self !== b.self ? (a.self ? -1 : 1) : a.name.localeCompare(b.name, locale)));
}
