/**
 * The fictional demo workspace: demo users of every role, so that a newcomer can try every
 * feature. Everything here is invented. It loads only into a workspace that holds nothing but
 * its first admin, and marks the workspace as a demo, which the UI shows everywhere.
 */
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import type { Role } from '../../src/lib/api/schemas.ts';
import { generateOneTimePassword, hashPassword } from '../auth/passwords.ts';
import { conflict } from '../http/errors.ts';
import type { Store } from '../store/types.ts';
import { addDemoParticipants } from './demo-participants.ts';

export const DEMO_META_KEY = 'workspace.demo';

export interface DemoUser {
  username: string;
  role: Role;
  displayName: string;
}

/** Invented people; the "(demo)" suffix keeps them recognisable in every list. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'demo.koordinaattori', role: 'coordinator', displayName: 'Kaarina Koordinaattori (demo)' },
  { username: 'demo.ohjaaja', role: 'worker', displayName: 'Olli Ohjaaja (demo)' },
  { username: 'demo.ohjaaja2', role: 'worker', displayName: 'Vilma Väisänen (demo)' },
  { username: 'demo.kokemus', role: 'expert', displayName: 'Kalle Kokemusasiantuntija (demo)' },
  { username: 'demo.kokemus2', role: 'expert', displayName: 'Sari Salonen (demo)' }
];

/** A later part of the demo (participants, groups, outreach) adds its own fictional data here. */
export type DemoContributor = (
  store: Store,
  ctx: { adminId: string; users: Map<string, string> }
) => Promise<void>;
const contributors: DemoContributor[] = [
  // The fictional participants with their case files (issue #5).
  async (store, ctx) => {
    await addDemoParticipants(store, ctx);
  }
];
export function addDemoContributor(contributor: DemoContributor): void {
  contributors.push(contributor);
}

export async function isDemoWorkspace(store: Store): Promise<boolean> {
  return (await store.meta.get(DEMO_META_KEY)) === 'true';
}

export interface DemoResult {
  demo: true;
  /** One password for every demo user, shown once to the admin who loaded the demo. */
  password: string;
  users: DemoUser[];
}

export async function loadDemoWorkspace(store: Store, adminId: string): Promise<DemoResult> {
  if (await isDemoWorkspace(store)) throw conflict('The demo workspace is already loaded.', 'demo_loaded');
  // Real data is any account besides the first admin, or any participant (whoever made it).
  if ((await store.users.count()) > 1 || (await store.directory.listParticipants()).length > 0) {
    throw conflict(
      'The demo workspace loads only into a new installation that has nothing but its first admin.',
      'workspace_not_empty'
    );
  }
  await store.meta.set(DEMO_META_KEY, 'true');
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const users = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const created = await store.users.create({ id: uuidv7(), passwordHash, ...u });
    users.set(u.username, created.id);
  }
  for (const contribute of contributors) await contribute(store, { adminId, users });
  return { demo: true, password, users: [...DEMO_USERS] };
}
