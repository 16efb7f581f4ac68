/**
 * A "contains" pattern for LIKE / ILIKE: the text's own % and _ (and the escape character) match
 * themselves, so a search for "100%" or "A_1" finds exactly that. PostgreSQL's LIKE escapes with a
 * backslash by default.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
