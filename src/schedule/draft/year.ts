/** The schedule year read from the document, and the words it was read from. */
export interface YearFinding {
  year: number;
  /** The text that gave it, quoted in the draft. */
  evidence: string;
  /** False where it is an inference the reviewer should confirm (a school year, an approval date). */
  settled: boolean;
}

/**
 * Wordings that give a roadmap's year, strongest first: «на 2024 год», «в 2022 году»; then a school
 * year «2021/2022 учебный год», whose first year the dates without a year are read in (the autumn's);
 * then the approval date «от 21.02.2022 № 201».
 */
const YEAR_WORDINGS: readonly { pattern: RegExp; settled: boolean }[] = [
  { pattern: /(?:на|в)\s+(20\d\d)\s*(?:год|г\.|г\b)/i, settled: true },
  { pattern: /(20\d\d)\s*[/–—-]\s*20\d\d\s*(?:учебн[а-яё]*\s+год[а-яё]*|уч\.\s*г\.?)/i, settled: false },
  { pattern: /(?:^|\s)(20\d\d)\s*(?:год|г\.)/i, settled: true },
  { pattern: /от\s+«?\d{1,2}»?\s*[.\s]\s*(?:\d{1,2}|[а-яё]+)\s*[.\s]\s*(20\d\d)/i, settled: false },
];

/** The year of the title or approval block (the paragraphs before and above the table), or null. */
export function findYear(texts: readonly string[]): YearFinding | null {
  for (const { pattern, settled } of YEAR_WORDINGS) {
    for (const text of texts) {
      const match = pattern.exec(text);
      if (match?.[1] !== undefined) return { year: Number(match[1]), evidence: match[0].trim(), settled };
    }
  }
  return null;
}
