import { createHmac, timingSafeEqual } from "node:crypto";
import type { SortOrder, TaskSort } from "@todo/contract/list-query";

/** Where the previous page ended: the last row's sort value and id. */
export interface CursorPosition {
  value: string | null;
  id: number;
}

const SIGNATURE_BYTES = 16;

/**
 * Opaque keyset cursors: base64url JSON of [sort, order, value, id] plus an HMAC, so a
 * client can neither forge a position nor reuse a cursor with another sort or order.
 */
export class CursorCodec {
  readonly #key: Buffer;

  constructor(secret: string) {
    // A key of its own, derived from the shared secret, used for nothing else.
    this.#key = createHmac("sha256", secret).update("todo-api/list-cursor/v1").digest();
  }

  #sign(payload: string): Buffer {
    return createHmac("sha256", this.#key).update(payload).digest().subarray(0, SIGNATURE_BYTES);
  }

  encode(sort: TaskSort, order: SortOrder, position: CursorPosition): string {
    const payload = Buffer.from(
      JSON.stringify([sort, order, position.value, position.id]),
    ).toString("base64url");
    return `${payload}.${this.#sign(payload).toString("base64url")}`;
  }

  /** The position, or null when the cursor is malformed, tampered or from another sort/order. */
  decode(cursor: string, sort: TaskSort, order: SortOrder): CursorPosition | null {
    const [payload, signature, ...rest] = cursor.split(".");
    if (!payload || !signature || rest.length > 0) return null;
    const given = Buffer.from(signature, "base64url");
    const expected = this.#sign(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return null;
    }
    if (!Array.isArray(decoded) || decoded.length !== 4) return null;
    const [cursorSort, cursorOrder, value, id] = decoded as unknown[];
    if (cursorSort !== sort || cursorOrder !== order) return null;
    if (!(typeof value === "string" || value === null) || !Number.isSafeInteger(id)) return null;
    return { value, id: id as number };
  }
}
