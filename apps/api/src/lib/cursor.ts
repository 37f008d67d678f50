import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { SortOrder, TaskSort } from "@todo/contract/list-query";

/** Where the previous page ended: the last row's sort value and id. */
export interface CursorPosition {
  value: string | null;
  id: number;
}

const CIPHER = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Opaque keyset cursors: [value, id] encrypted and authenticated with AES-256-GCM, the sort and
 * order bound in as associated data. The value can be a task title, so a cursor that ends up in
 * a log or a proxy's history reads as noise; a forged or altered one, or one used with another
 * sort or order, fails authentication.
 */
export class CursorCodec {
  readonly #key: Buffer;

  constructor(secret: string) {
    // A key of its own, used for nothing else, whatever secret it is derived from.
    this.#key = Buffer.from(hkdfSync("sha256", secret, "", "todo-api/list-cursor/v2", 32));
  }

  encode(sort: TaskSort, order: SortOrder, position: CursorPosition): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(sort, order));
    const plaintext = Buffer.from(JSON.stringify([position.value, position.id]));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString("base64url");
  }

  /** The position, or null when the cursor is malformed, tampered or from another sort/order. */
  decode(cursor: string, sort: TaskSort, order: SortOrder): CursorPosition | null {
    const bytes = Buffer.from(cursor, "base64url");
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
    let decoded: unknown;
    try {
      const decipher = createDecipheriv(CIPHER, this.#key, bytes.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(associatedData(sort, order));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plaintext = Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      decoded = JSON.parse(plaintext.toString("utf8"));
    } catch {
      return null;
    }
    if (!Array.isArray(decoded) || decoded.length !== 2) return null;
    const [value, id] = decoded as unknown[];
    if (!(typeof value === "string" || value === null) || !Number.isSafeInteger(id)) return null;
    return { value, id: id as number };
  }
}

function associatedData(sort: TaskSort, order: SortOrder): Buffer {
  return Buffer.from(`${sort}:${order}`);
}
