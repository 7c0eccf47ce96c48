// Turning what a shopper typed into search words and LIKE patterns, and the normal form that the
// search log and hot words share. Chinese has no spaces, so a "word" is whatever sits between
// whitespace: "连衣裙" is one word and matches as a substring, like "dress" does.

/** At most this many words of a query take part in matching; the rest are ignored. */
export const MAX_SEARCH_TERMS = 5;

/** Trimmed, inner whitespace (full-width spaces included) collapsed to one space, lower-cased. */
export function normalizeSearch(q: string): string {
  return q.trim().replace(/\s+/g, " ").toLowerCase();
}

/** The distinct words of a query, case-insensitively, in the order typed. */
export function searchTerms(q: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of q.trim().split(/\s+/)) {
    const key = word.toLowerCase();
    if (word === "" || seen.has(key)) continue;
    seen.add(key);
    terms.push(word);
    if (terms.length === MAX_SEARCH_TERMS) break;
  }
  return terms;
}

// LIKE patterns live in src/db/like.ts; re-exported for the storefront services.
export { containsPattern, escapeLike, prefixPattern } from "../../db/like.ts";
