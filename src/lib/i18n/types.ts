/** Types of the UI message catalogue. The Finnish catalogue is the source of the keys. */
import type { fi } from './messages/fi.ts';

/** Every message key, e.g. `'login.title'`. */
export type MessageKey = keyof typeof fi;

/** A catalogue for one language: exactly the Finnish keys, any text. */
export type Messages = { readonly [K in MessageKey]: string };

/** The `{name}` parameters in a message text, as a union of names (never when there are none). */
export type ParamNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/** The parameters a key needs: none, or an object with one value per `{name}`. */
export type ParamArgs<K extends MessageKey> = [ParamNames<(typeof fi)[K]>] extends [never]
  ? []
  : [params: Record<ParamNames<(typeof fi)[K]>, string | number>];

/** Keys whose text takes no parameters. */
export type PlainMessageKey = {
  [K in MessageKey]: ParamArgs<K> extends [] ? K : never;
}[MessageKey];

/**
 * A text resolved when it is shown, not when it is made: an error kept in component state then
 * follows a language switch. Render it as `{text()}`.
 */
export type LazyText = () => string;
