/** Longest stretch of a phrase quoted in a message; the full phrase stays on `phrase`. */
const QUOTE_LIMIT = 120;

function quote(phrase: string): string {
  const flat = phrase.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_LIMIT ? `${flat.slice(0, QUOTE_LIMIT)}…` : flat;
}

/**
 * A Russian date phrase that cannot be read. The message quotes the phrase and says what was
 * expected, e.g. `"до 31 февраля 2022" is not a date (February 2022 has 28 days)`, so it can be
 * prefixed with a file position and shown to whoever wrote the schedule.
 */
export class DatePhraseError extends Error {
  override name = 'DatePhraseError';

  constructor(
    /** The phrase exactly as given. */
    readonly phrase: string,
    /** What is wrong or what was expected, without the phrase. */
    readonly reason: string,
  ) {
    super(`"${quote(phrase)}" is not a date (${reason})`);
  }
}
