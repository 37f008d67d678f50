/** Strong entity tag of one version of a resource (a task, a list). */
export function versionEtag(id: number, version: number): string {
  return `"${id}-${version}"`;
}

/** What an `If-Match` header allows: any current version (`*`), or exactly these. */
export type Precondition = { kind: "any" } | { kind: "versions"; versions: number[] };

const ENTITY_TAG = /^(W\/)?"([^"]*)"$/;

function entityTags(header: string): { weak: boolean; value: string }[] | "*" {
  const trimmed = header.trim();
  if (trimmed === "*") return "*";
  const tags: { weak: boolean; value: string }[] = [];
  for (const part of trimmed.split(",")) {
    const match = ENTITY_TAG.exec(part.trim());
    if (match) tags.push({ weak: match[1] !== undefined, value: match[2] ?? "" });
  }
  return tags;
}

/**
 * `If-Match` uses the strong comparison (RFC 9110 §13.1.1): weak tags never match.
 * Tags of another task, or unparseable ones, match nothing (so the request gets a 412).
 */
export function parseIfMatch(header: string | undefined, id: number): Precondition | undefined {
  if (header === undefined) return undefined;
  const tags = entityTags(header);
  if (tags === "*") return { kind: "any" };
  const prefix = `${id}-`;
  const versions: number[] = [];
  for (const tag of tags) {
    if (tag.weak || !tag.value.startsWith(prefix)) continue;
    const version = tag.value.slice(prefix.length);
    if (/^[1-9][0-9]{0,9}$/.test(version)) versions.push(Number(version));
  }
  return { kind: "versions", versions };
}

/** `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = entityTags(header);
  return tags === "*" || tags.some((tag) => `"${tag.value}"` === etag);
}
