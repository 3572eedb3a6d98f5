/** The wall clock for case edits, kept out of rune modules so that they read one `now`. */
import type { EditContext } from '$lib/domain/case-file';
import { dateInTimeZone, type IsoDate } from '$lib/domain/dates';

/** An edit context for `actor` under `origin`, stamped now. */
export function editContextNow(origin: unknown, actor: string): EditContext {
  return { origin, actor, now: new Date() };
}

/** Today in the project's time zone (Helsinki). */
export function todayInProject(): IsoDate {
  return dateInTimeZone(new Date());
}
