/**
 * The admin's device list: every device someone has logged in on, and revoking a lost one
 * (its sessions end at once; the device wipes its local data when it next reaches the server).
 */
import { api as defaultApi, type ApiClient } from '$lib/api/client';

/** A device as `GET /api/devices` lists it. */
export interface DeviceRecord {
  id: string;
  lastUsername: string;
  lastUserDisplayName: string;
  userAgent: string;
  firstSeenAt: string;
  lastSeenAt: string;
  revoked: boolean;
  revokedAt: string | null;
}

export class AdminDevicesState {
  devices = $state.raw<DeviceRecord[]>([]);
  loaded = $state(false);

  constructor(private readonly api: ApiClient = defaultApi) {}

  /** Reloads the list (most recently used first); throws ApiError. */
  async load(): Promise<void> {
    const devices = await this.api.get<DeviceRecord[]>('/api/devices');
    this.devices = [...devices].sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
    this.loaded = true;
  }

  /** Revokes a device, then reloads the list; throws ApiError. */
  async revoke(id: string): Promise<void> {
    await this.api.post(`/api/devices/${encodeURIComponent(id)}/revoke`);
    await this.load();
  }

  reset(): void {
    this.devices = [];
    this.loaded = false;
  }
}

/** The app's admin device list. */
export const adminDevices = new AdminDevicesState();
