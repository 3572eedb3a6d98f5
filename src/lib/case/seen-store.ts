/**
 * What each user last saw of each case ("changed since I last looked"): section fingerprints per
 * `${userId}:${caseId}`. SESSION MEMORY ONLY for now: a reload forgets them, so the first look
 * after a reload sets a new baseline. They move to the device's encrypted settings store when it
 * lands (the device engineer's work), with the same get/put contract.
 */
import type { SectionFingerprints } from '$lib/domain/case-file';

const seen = new Map<string, Partial<SectionFingerprints>>();

/** The fingerprints the user last saw of the case, or undefined on a first look. */
export function seenFingerprints(userId: string, caseId: string): Partial<SectionFingerprints> | undefined {
  return seen.get(`${userId}:${caseId}`);
}

/** Records what the user has now seen. */
export function putSeenFingerprints(
  userId: string,
  caseId: string,
  value: Partial<SectionFingerprints>
): void {
  seen.set(`${userId}:${caseId}`, value);
}
