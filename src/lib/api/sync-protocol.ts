/**
 * Constants of the sync wire protocol, shared by the server and the client. Message types 0–3
 * are the standard y-websocket ones; ours start at 100 so that stock clients, which ignore
 * unknown types, keep working. See docs/sync-protocol.md.
 */

/** y-protocols sync: step 1 (state vector), step 2 (missing updates), update. */
export const MESSAGE_SYNC = 0;
/** y-protocols awareness update. */
export const MESSAGE_AWARENESS = 1;
/** y-protocols auth: the server says permission denied (e.g. read-only). */
export const MESSAGE_AUTH = 2;
/** Ask for everyone's awareness state. */
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Extension: the server has durably written everything up to this state vector.
 * Payload: varUint8Array(Y.encodeStateVector-format bytes).
 */
export const MESSAGE_PERSISTED = 100;

/** Websocket close codes (4000–4999 are for applications). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;
/** A frame could not be decoded, or an update failed to apply. */
export const CLOSE_BAD_MESSAGE = 4400;
/** A message over the size limit, as our own code (shown to the user as "too large"). */
export const CLOSE_TOO_LARGE = 4413;
/**
 * The standard "message too big" code, which the server's websocket layer sends by itself for a
 * frame over the size limit. Clients treat it like {@link CLOSE_TOO_LARGE}: never retried.
 */
export const CLOSE_MESSAGE_TOO_BIG = 1009;
/** The server is shutting down; reconnect later. */
export const CLOSE_GOING_AWAY = 1001;

/** The websocket path prefix: `/sync/<docId>`. */
export const SYNC_PATH = '/sync/';
