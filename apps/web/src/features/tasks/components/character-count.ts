/** From this share of a limit on, a field shows how much of it is used. */
const NEAR_LIMIT = 0.8;

/**
 * "185/200" once a value comes near its limit (counted in Unicode code points, as the API
 * counts), so the limit is seen before it refuses; undefined before then.
 */
export function characterCount(value: string, max: number): string | undefined {
  const count = [...value].length;
  return count >= max * NEAR_LIMIT ? `${count}/${max} characters` : undefined;
}

/** The same for the number of distinct tags in a comma-separated list. */
export function tagCount(tags: string, max: number): string | undefined {
  const count = new Set(
    tags
      .split(",")
      .map((tag) => tag.trim().toLowerCase())
      .filter(Boolean),
  ).size;
  return count >= max * NEAR_LIMIT ? `${count}/${max} tags` : undefined;
}
