/**
 * How every diagnostic quotes a value someone wrote: in double quotes, at most `QUOTE_MAX` characters, with
 * control characters shown as escapes. A 10 MB cell or YAML value makes a one-line message, not a 10 MB one,
 * and a NUL byte shows as \u0000 instead of cutting the terminal's line.
 */

/** The most characters of a value an error message quotes. */
export const QUOTE_MAX = 80;

/** `"value"`, or `"its first 80 characters…" (25000000 characters)` for a longer one. */
export function quoted(value: string, max: number = QUOTE_MAX): string {
  const long = value.length > max;
  // cut by UTF-16 units (a 25-million-character cell is not split into an array), never inside a pair
  let shown = long ? value.slice(0, max) : value;
  if (long && /[\uD800-\uDBFF]$/.test(shown)) shown = shown.slice(0, -1);
  const escaped = shown.replace(/\p{Cc}/gu, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
  return long ? `"${escaped}…" (${value.length} characters)` : `"${escaped}"`;
}
