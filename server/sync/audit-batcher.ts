/**
 * Writes the `doc.open` audit events of one event-loop turn in one transaction. A device that
 * pulls a hundred documents opens a hundred sockets at once; one disk sync for all of their
 * audit rows instead of one each keeps that pull fast. Each caller still waits for its row.
 */
import type { AuditEvent, AuditStore } from '../store/types.ts';

export class AuditBatcher {
  private pending: { event: AuditEvent; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(private readonly audit: AuditStore) {}

  /** Resolves once the event is written with the rest of this turn's events. */
  append(event: AuditEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.audit.appendMany(batch.map((b) => b.event));
      for (const b of batch) b.resolve();
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
