/**
 * The sync endpoint (/sync/<docId>). Built in issue #3; until then the upgrade is refused.
 */
import type { Extension } from '../app.ts';

export const syncExtension: Extension = () => undefined;
