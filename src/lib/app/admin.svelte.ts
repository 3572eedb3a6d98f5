/**
 * The admin screens' state: accounts and active sessions, read from and changed through the
 * admin API. Each change reloads what it affects, so the lists show the server's truth.
 */
import { api as defaultApi, type ApiClient } from '$lib/api/client';
import type { ActiveSession, PublicUser, Role } from '$lib/api/schemas';

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UserPatch {
  role?: Role;
  disabled?: boolean;
  displayName?: string;
}

export class AdminState {
  users = $state<PublicUser[]>([]);
  sessions = $state<ActiveSession[]>([]);
  usersLoaded = $state(false);
  sessionsLoaded = $state(false);

  constructor(private readonly api: ApiClient = defaultApi) {}

  /** Reloads the users; throws ApiError. */
  async loadUsers(): Promise<void> {
    this.users = await this.api.get<PublicUser[]>('/api/users');
    this.usersLoaded = true;
  }

  /** Reloads the active sessions; throws ApiError. */
  async loadSessions(): Promise<void> {
    this.sessions = await this.api.get<ActiveSession[]>('/api/sessions');
    this.sessionsLoaded = true;
  }

  /** Creates a user who must choose their own password at first login. */
  async createUser(input: NewUserInput): Promise<PublicUser> {
    const user = await this.api.post<PublicUser>('/api/users', { ...input, mustChangePassword: true });
    await this.loadUsers();
    return user;
  }

  /** Changes role, name or disabled; disabling ends the user's sessions on the server. */
  async updateUser(id: string, patch: UserPatch): Promise<PublicUser> {
    const user = await this.api.patch<PublicUser>(`/api/users/${encodeURIComponent(id)}`, patch);
    this.users = this.users.map((u) => (u.id === id ? user : u));
    return user;
  }

  /** Issues a one-time password (shown once) and ends the user's sessions. */
  async resetPassword(id: string): Promise<string> {
    const { oneTimePassword } = await this.api.post<{ oneTimePassword: string }>(
      `/api/users/${encodeURIComponent(id)}/password-reset`
    );
    await this.loadUsers();
    return oneTimePassword;
  }

  /** Ends one session; its device is logged out. */
  async revokeSession(id: string): Promise<void> {
    await this.api.delete(`/api/sessions/${encodeURIComponent(id)}`);
    this.sessions = this.sessions.filter((s) => s.id !== id);
  }

  reset(): void {
    this.users = [];
    this.sessions = [];
    this.usersLoaded = false;
    this.sessionsLoaded = false;
  }
}

/** The app's admin state. */
export const admin = new AdminState();
