import { FEDERAL_SUBJECTS, type FederalSubject } from './federal-subjects.js';

export type { FederalSubject } from './federal-subjects.js';

/** Abbreviations coordinators write, expanded word by word before matching. */
const WORD_EXPANSIONS: Record<string, string> = {
  обл: 'область',
  респ: 'республика',
  ао: 'автономный округ',
  кр: 'край',
};

/** Words that may prefix a city of federal significance and do not name it. */
const CITY_PREFIXES = new Set(['г', 'город']);

/**
 * The form names are compared in: lower case, ё as е, dashes and punctuation as spaces, abbreviations
 * ("обл.", "респ.", "АО") expanded and a leading "г."/"город" dropped, so "г. Москва" = "Москва" and
 * "Саратовская обл." = "Саратовская область".
 */
export function normaliseRegionName(name: string): string {
  const words = name
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\s\-‐‑–—.,:;()«»"'„“”/]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  if (words.length > 1 && CITY_PREFIXES.has(words[0] ?? '')) words.shift();
  return words.map((w) => WORD_EXPANSIONS[w] ?? w).join(' ');
}

/** Every name a subject answers to: its name, aliases, and for oblasts and krais the adjective alone. */
function namesOf(subject: FederalSubject): string[] {
  const names = [subject.name, ...subject.aliases];
  const adjective = /^(\S+) (?:область|край)$/.exec(subject.name)?.[1];
  if (adjective) names.push(adjective);
  return names;
}

const byName = new Map<string, FederalSubject>();
for (const subject of FEDERAL_SUBJECTS) {
  for (const name of namesOf(subject)) byName.set(normaliseRegionName(name), subject);
}
const byCode = new Map(FEDERAL_SUBJECTS.map((s) => [s.code, s]));

/** A region name that is no federal subject; `suggestions` holds the closest official names. */
export class UnknownRegionError extends Error {
  override name = 'UnknownRegionError';
  constructor(
    readonly input: string,
    readonly suggestions: string[],
  ) {
    super(
      suggestions.length > 0
        ? `unknown region "${input}"; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?`
        : `unknown region "${input}": expected a federal subject such as "Саратовская область" or an ISO code such as RU-SAR`,
    );
  }
}

/** The federal subject a roster names, by any name variant or by code; undefined when none matches. */
export function findFederalSubject(nameOrCode: string): FederalSubject | undefined {
  const trimmed = nameOrCode.trim();
  return byCode.get(trimmed.toUpperCase()) ?? byName.get(normaliseRegionName(trimmed));
}

/**
 * The federal subject a roster names (see {@link findFederalSubject}).
 * @throws UnknownRegionError with up to three closest official names
 */
export function lookupFederalSubject(nameOrCode: string): FederalSubject {
  const found = findFederalSubject(nameOrCode);
  if (found) return found;
  throw new UnknownRegionError(nameOrCode.trim(), suggestFederalSubjects(nameOrCode));
}

/** Official names of the subjects whose names are closest to `input` by edit distance, best first. */
export function suggestFederalSubjects(input: string, limit = 3): string[] {
  const wanted = normaliseRegionName(input);
  // A typo, not a different name: at most a third of the letters wrong (and at least two allowed).
  const tolerance = Math.max(2, Math.ceil(wanted.length / 3));
  const best = new Map<FederalSubject, number>();
  for (const [name, subject] of byName) {
    const distance = editDistance(wanted, name);
    if (distance <= tolerance && distance < (best.get(subject) ?? Infinity)) best.set(subject, distance);
  }
  return [...best]
    .sort((a, b) => a[1] - b[1] || a[0].name.localeCompare(b[0].name, 'ru'))
    .slice(0, limit)
    .map(([subject]) => subject.name);
}

/** Levenshtein distance (insertions, deletions and substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
