/**
 * Devices: the browsers (tablets, phones, laptops) that hold an encrypted copy of case data. A
 * device makes its own UUID at first login and sends it with every login. An admin can revoke a
 * lost device: its sessions end, it can no longer log in, and the next time it reaches the
 * server it learns that it is revoked and wipes its local data.
 */
export interface DeviceRecord {
  id: string;
  /** The user who last logged in on the device. */
  lastUserId: string;
  userAgent: string;
  firstSeenAt: number;
  lastSeenAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

export interface DeviceStore {
  /** Records a login from the device (creating the row on first sight). */
  seen(device: { id: string; userId: string; userAgent: string; at: number }): Promise<DeviceRecord>;
  byId(id: string): Promise<DeviceRecord | null>;
  /** Every device, most recently seen first. */
  list(): Promise<DeviceRecord[]>;
  /** Marks the device revoked; false when it is unknown. Revocation is final. */
  revoke(id: string, by: string, at: number): Promise<boolean>;
}
