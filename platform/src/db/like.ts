// LIKE/ILIKE patterns from user text: %, _ and \ are matched literally, never as wildcards.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** Pattern for "contains". */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** Pattern for "starts with". */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}
