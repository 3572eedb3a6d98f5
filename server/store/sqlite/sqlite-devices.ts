import type { Db } from './database.ts';
import { prepared } from './prepared.ts';
import type { DeviceRecord, DeviceStore } from '../devices.ts';

interface DeviceRow {
  id: string;
  last_user_id: string;
  user_agent: string;
  first_seen_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

function toDevice(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    lastUserId: row.last_user_id,
    userAgent: row.user_agent,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by
  };
}

export class SqliteDevices implements DeviceStore {
  constructor(private readonly db: Db) {}

  async seen(d: { id: string; userId: string; userAgent: string; at: number }): Promise<DeviceRecord> {
    prepared(
      this.db,
      `INSERT INTO devices (id, last_user_id, user_agent, first_seen_at, last_seen_at)
         VALUES (@id, @userId, @userAgent, @at, @at)
         ON CONFLICT(id) DO UPDATE SET last_user_id = @userId, user_agent = @userAgent, last_seen_at = @at`
    ).run({ ...d, userAgent: d.userAgent.slice(0, 300) });
    return (await this.byId(d.id))!;
  }

  async byId(id: string): Promise<DeviceRecord | null> {
    const row = prepared(this.db, 'SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async list(): Promise<DeviceRecord[]> {
    return (prepared(this.db, 'SELECT * FROM devices ORDER BY last_seen_at DESC').all() as DeviceRow[]).map(
      toDevice
    );
  }

  async revoke(id: string, by: string, at: number): Promise<boolean> {
    return (
      prepared(
        this.db,
        'UPDATE devices SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL'
      ).run(at, by, id).changes > 0 || (await this.byId(id)) !== null
    );
  }
}
