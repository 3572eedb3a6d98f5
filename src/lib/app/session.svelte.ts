/**
 * Who is using the app and what state the app is in: first-run setup, logged out, must change
 * password, or ready. Rune state, so the UI follows every change.
 *
 * The server is the authority. This class asks it (`load`, `revalidate`) and records its
 * answers; a 401 from any authenticated call ends the session here too (`sessionEnded`), so the
 * UI can ask the user to log in again. The sync client may call `sessionEnded` as well when the
 * server closes a socket with 4401.
 */
import { ApiError, api as defaultApi, type ApiClient } from '$lib/api/client';
import type { Language, Me, SetupStatus } from '$lib/api/schemas';
import { locale as defaultLocale, type LocaleState } from '$lib/i18n/locale.svelte';
import type { Phase } from './routing.ts';

/** Why the login page is shown, so it can say so. */
export type LoginNotice = 'session-ended' | 'logged-out' | null;

/** What the first admin types on the first-run page. */
export interface SetupInput {
  setupCode: string;
  username: string;
  displayName: string;
  password: string;
}

/** A demo user as `POST /api/demo` lists them. */
export interface DemoUser {
  username: string;
  role: Me['role'];
  displayName: string;
}

/** The answer of `POST /api/demo`: the demo users and their shared password, shown once. */
export interface DemoWorkspace {
  demo: true;
  password: string;
  users: DemoUser[];
}

/**
 * What the device layer (device.svelte.ts) adds to logging in, installed with `useDevice`: the
 * device id sent with every login, the local data key set up with the login password, the key
 * re-wrapped on a password change, and a wipe when the server refuses a revoked device.
 */
export interface DeviceHooks {
  deviceId(): string;
  /** After the server accepted the login, before the app shows: create or unlock the local key. */
  afterLogin(me: Me, password: string): Promise<void>;
  /** The server refused the login (e.g. 403 `device_revoked`). */
  loginRefused(error: ApiError): Promise<void>;
  /** After the server accepted a new password: re-wrap the local key. */
  passwordChanged(currentPassword: string, newPassword: string): Promise<void>;
  /** The server ended the session (a 401): e.g. ask whether the device was revoked. */
  sessionEnded(): void;
}

export class SessionState {
  phase = $state<Phase>('loading');
  me = $state<Me | null>(null);
  /** The fictional demo workspace is loaded: every page says so. */
  demo = $state(false);
  notice = $state<LoginNotice>(null);
  /** From the first admin's creation until they leave the setup page (the demo offer). */
  onboarding = $state(false);
  private revalidating: Promise<void> | null = null;
  private device: DeviceHooks | null = null;

  constructor(
    private readonly api: ApiClient = defaultApi,
    private readonly locale: LocaleState = defaultLocale
  ) {
    api.onUnauthorized(() => this.sessionEnded());
  }

  /** Installs the device layer's hooks (once, by the device session). */
  useDevice(hooks: DeviceHooks): void {
    this.device = hooks;
  }

  /** Asks the server whether setup is needed and who is logged in. Never throws. */
  async load(): Promise<void> {
    this.phase = 'loading';
    try {
      const status = await this.api.get<SetupStatus>('/api/setup');
      this.demo = status.demo;
      if (status.needed) {
        this.me = null;
        this.phase = 'setup';
        return;
      }
      const me = await this.fetchMe();
      if (me) this.signedIn(me);
      else this.signedOut(null);
    } catch {
      // The server did not answer (offline, restarting) or failed: offer to try again.
      this.phase = 'unreachable';
    }
  }

  /**
   * Checks with the server that the session still lives (after navigation, when the tab comes
   * back into view). A 401 ends the session through the API client's listener; a network error
   * changes nothing, because working offline is allowed.
   */
  revalidate(): Promise<void> {
    if (this.phase !== 'ready' && this.phase !== 'must-change-password') return Promise.resolve();
    // Offline (working from the device) there is nobody to ask.
    if (typeof navigator !== 'undefined' && !navigator.onLine) return Promise.resolve();
    this.revalidating ??= (async () => {
      try {
        const me = await this.api.get<Me>('/api/me');
        if (this.me && this.phase !== 'loading') {
          this.me = me;
          if (me.mustChangePassword) this.phase = 'must-change-password';
        }
      } catch {
        // 401 is handled by sessionEnded(); anything else leaves the state as it is.
      } finally {
        this.revalidating = null;
      }
    })();
    return this.revalidating;
  }

  /** Creates the first admin with the console's setup code; they are then logged in. */
  async setup(input: SetupInput): Promise<void> {
    const created = await this.api.post<Me & { token: string }>('/api/setup', input);
    const me: Me = {
      id: created.id,
      username: created.username,
      role: created.role,
      displayName: created.displayName,
      language: created.language,
      ...(created.mustChangePassword ? { mustChangePassword: true } : {})
    };
    // The admin just typed their password: set up this device with it, as a login does,
    // instead of asking for it again before the demo offer.
    await this.device?.afterLogin(me, input.password);
    this.onboarding = true;
    this.signedIn(me);
  }

  /** Loads the fictional demo workspace (admin, fresh install only). */
  async loadDemo(): Promise<DemoWorkspace> {
    const result = await this.api.post<DemoWorkspace>('/api/demo');
    this.demo = true;
    return result;
  }

  /** The first admin leaves the setup page. */
  finishOnboarding(): void {
    this.onboarding = false;
  }

  /** Logs in; throws {@link ApiError} (401 wrong credentials, 429 too many attempts). */
  async login(username: string, password: string): Promise<void> {
    // A new attempt: the note about the last logout or the ended session no longer applies.
    this.notice = null;
    let result: { user: Me };
    try {
      result = await this.api.post<{ user: Me }>(
        '/api/session',
        { username, password, ...(this.device ? { deviceId: this.device.deviceId() } : {}) },
        { expectUnauthorized: true }
      );
    } catch (error) {
      if (error instanceof ApiError) await this.device?.loginRefused(error);
      throw error;
    }
    await this.device?.afterLogin(result.user, password);
    this.signedIn(result.user);
  }

  /**
   * Signs in as `me` without asking the server: the device was unlocked (offline, or after the
   * device layer checked the session itself).
   */
  restore(me: Me): void {
    this.signedIn(me);
    // The workspace facts (the demo notice) were not asked for on this path: ask now, quietly,
    // because offline the device works without them.
    void this.refreshWorkspace();
  }

  /** Reads whether the workspace is the fictional demo. Offline or on error, keeps what it knew. */
  async refreshWorkspace(): Promise<void> {
    // Offline there is nobody to ask (and the failed request would only clutter the console).
    if (typeof navigator !== 'undefined' && !navigator.onLine) return;
    try {
      this.demo = (await this.api.get<SetupStatus>('/api/setup')).demo;
    } catch {
      // Unknown now; the notice returns when the server answers again.
    }
  }

  /** Logs out on the server, then here. If the server cannot be reached, throws and stays in. */
  async logout(): Promise<void> {
    try {
      await this.api.delete('/api/session', { expectUnauthorized: true });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    this.signedOut('logged-out');
  }

  /** Changes the password; ends the forced change. Throws {@link ApiError} (403 wrong current). */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.api.post('/api/me/password', { currentPassword, newPassword });
    await this.device?.passwordChanged(currentPassword, newPassword);
    if (this.me) {
      const { mustChangePassword: _done, ...rest } = this.me;
      this.me = rest;
    }
    if (this.phase === 'must-change-password') this.phase = 'ready';
  }

  /** Switches the UI language; when logged in, saves it with the account. */
  async setLanguage(language: Language): Promise<void> {
    if (!this.me) {
      // An explicit choice before login: the login saves it to the account.
      this.locale.chooseBeforeLogin(language);
      return;
    }
    this.locale.set(language);
    await this.saveLanguage(language);
  }

  /** Renames the user; throws {@link ApiError} (422 when the name is not valid). */
  async updateDisplayName(displayName: string): Promise<void> {
    this.me = await this.api.patch<Me>('/api/me', { displayName });
  }

  /** The server no longer accepts the session (revoked, expired, user disabled). */
  sessionEnded(): void {
    if (this.phase === 'ready' || this.phase === 'must-change-password') this.signedOut('session-ended');
    this.device?.sessionEnded();
  }

  /** Forgets everything; the next `load()` starts afresh. */
  reset(): void {
    this.phase = 'loading';
    this.me = null;
    this.demo = false;
    this.notice = null;
    this.onboarding = false;
  }

  private async fetchMe(): Promise<Me | null> {
    try {
      return await this.api.get<Me>('/api/me', { expectUnauthorized: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  private async saveLanguage(language: Language): Promise<void> {
    const me = await this.api.patch<Me>('/api/me', { language });
    if (this.me) this.me = { ...this.me, language: me.language };
  }

  private signedIn(me: Me): void {
    this.me = me;
    this.notice = null;
    const chosen = this.locale.takeChoiceBeforeLogin();
    if (chosen && chosen !== me.language) {
      this.locale.set(chosen);
      // Saving is a courtesy: if it fails, the language still applies on this device.
      void this.saveLanguage(chosen).catch(() => undefined);
    } else {
      this.locale.set(me.language);
    }
    this.phase = me.mustChangePassword ? 'must-change-password' : 'ready';
  }

  private signedOut(notice: LoginNotice): void {
    this.me = null;
    this.onboarding = false;
    this.notice = notice;
    this.phase = 'anonymous';
  }
}

/** The app's one session. */
export const session = new SessionState();
