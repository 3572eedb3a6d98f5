import { describe, expect, it } from 'vitest';
import { WipedError, WrongPassphraseError } from '$lib/persistence/errors';
import { PasswordHandover, unlockKeyring } from './device-passwords.ts';

/** A keyring that records re-wraps. */
function recordingKeyring() {
  const changes: Array<[string, string]> = [];
  return {
    changes,
    changePassphrase: async (current: string, next: string) => {
      changes.push([current, next]);
    }
  };
}

describe('unlockKeyring', () => {
  it('answers ok, wrong-password with the attempts left, or wiped; other errors are thrown', async () => {
    await expect(unlockKeyring({ unlock: async () => undefined }, 'pw')).resolves.toEqual({ ok: true });
    const wrong = {
      unlock: async () => {
        throw new WrongPassphraseError(3);
      }
    };
    await expect(unlockKeyring(wrong, 'pw')).resolves.toEqual({
      ok: false,
      reason: 'wrong-password',
      attemptsLeft: 3
    });
    const wiped = {
      unlock: async () => {
        throw new WipedError();
      }
    };
    await expect(unlockKeyring(wiped, 'pw')).resolves.toEqual({ ok: false, reason: 'wiped' });
    const broken = {
      unlock: async () => {
        throw new Error('disk gone');
      }
    };
    await expect(unlockKeyring(broken, 'pw')).rejects.toThrow('disk gone');
  });
});

describe('PasswordHandover', () => {
  it('re-wraps with the newer password once the older one unlocked, and only once', async () => {
    const keyring = recordingKeyring();
    const handover = new PasswordHandover();
    await handover.afterUnlock(keyring, 'old');
    expect(keyring.changes).toEqual([]);
    handover.holdNewer('new');
    await handover.afterUnlock(keyring, 'old');
    await handover.afterUnlock(keyring, 'old');
    expect(keyring.changes).toEqual([['old', 'new']]);
  });

  it('re-wraps from the older password after a login with a different one, and only once', async () => {
    const keyring = recordingKeyring();
    const handover = new PasswordHandover();
    handover.holdOlder('old');
    await handover.afterLogin(keyring, 'new');
    await handover.afterLogin(keyring, 'new');
    expect(keyring.changes).toEqual([['old', 'new']]);
    // The same password again: nothing to re-wrap, but it is forgotten all the same.
    handover.holdOlder('same');
    await handover.afterLogin(keyring, 'same');
    handover.holdOlder('kept');
    await handover.afterLogin(undefined, 'other');
    await handover.afterLogin(keyring, 'other');
    expect(keyring.changes).toEqual([['old', 'new']]);
  });

  it('forgets what it held when dropped', async () => {
    const keyring = recordingKeyring();
    const handover = new PasswordHandover();
    handover.holdNewer('new');
    handover.dropNewer();
    await handover.afterUnlock(keyring, 'old');
    handover.holdNewer('new');
    handover.holdOlder('old');
    handover.forget();
    await handover.afterUnlock(keyring, 'old');
    await handover.afterLogin(keyring, 'new');
    expect(keyring.changes).toEqual([]);
  });
});
