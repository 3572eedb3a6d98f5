import type { Me, PublicUser } from '../../src/lib/api/schemas.ts';
import type { UserRecord } from '../store/types.ts';

export function toMe(user: UserRecord): Me {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    displayName: user.displayName,
    language: user.language,
    ...(user.mustChangePassword ? { mustChangePassword: true } : {})
  };
}

export function toPublicUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    language: user.language,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    createdAt: new Date(user.createdAt).toISOString()
  };
}
