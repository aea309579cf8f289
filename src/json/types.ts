/**
 * The JSON types every room shares: the shapes of parsed JSON, read-only, as the library hands
 * them around.
 * @module
 */

/** A JSON value. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}
