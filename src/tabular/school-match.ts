/**
 * Finding the roster's school a monitoring table's row means: by its code, else by its name within the
 * region, the name compared after the usual differences of writing are taken away (quotes, «МОУ»/«МБОУ»,
 * «СОШ №5» = «средняя общеобразовательная школа № 5», ё/е, case, punctuation). A name that matches none
 * comes with the closest names of the region suggested.
 */
import { editDistance } from '../domain/regions.js';

/** A school as the matcher knows it. */
export interface MatchableSchool {
  id: number;
  code: string;
  name: string;
  regionId: number;
}

/** Abbreviations written for the type of a school, spelt out before comparing. */
const EXPANSIONS: Record<string, string> = {
  сош: 'средняя общеобразовательная школа',
  оош: 'основная общеобразовательная школа',
  нош: 'начальная общеобразовательная школа',
  сшг: 'средняя школа',
};

/** Legal forms and other words that do not tell schools apart («МБОУ», «муниципальное бюджетное … учреждение»). */
const NOISE = new Set([
  'моу', 'мбоу', 'маоу', 'мкоу', 'гбоу', 'гоу', 'гаоу', 'гкоу', 'чоу', 'ноу', 'мбу', 'моау', 'мау', 'оу',
  'муниципальное', 'государственное', 'бюджетное', 'автономное', 'казенное', 'частное', 'общеобразовательное',
  'учреждение', 'г', 'город', 'города',
]);

/** The form school names are compared in. */
export function normaliseSchoolName(name: string): string {
  const words = name
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/№\s*/g, ' № ')
    .replace(/[«»"“”„'`.,;:()\-–—/\\]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !NOISE.has(w))
    .flatMap((w) => (EXPANSIONS[w] ?? w).split(' '));
  // «№ 5» and «№5» alike: the number sign joins the number after it
  return words.join(' ').replace(/№ (\S+)/g, '№$1');
}

/** The school found, or why none is. */
export type SchoolMatch = { school: MatchableSchool } | { problem: string };

/** How many misses get suggestions: beyond that a file is wrong throughout and the list would only be long. */
const SUGGESTED_MISSES = 50;

/** Looks schools up by code or name; built once per file. */
export class SchoolMatcher {
  private readonly byCode = new Map<string, MatchableSchool[]>();
  private readonly byName = new Map<string, MatchableSchool[]>();
  private misses = 0;

  constructor(private readonly schools: readonly MatchableSchool[]) {
    for (const school of schools) {
      push(this.byCode, school.code.trim().toLowerCase(), school);
      push(this.byName, normaliseSchoolName(school.name), school);
    }
  }

  /**
   * The school with this code (or, without a code or with an unknown one, this name) in `regionId` (or in
   * any region, when null).
   */
  match(code: string, name: string, regionId: number | null): SchoolMatch {
    const inRegion = (list: MatchableSchool[] | undefined) => (list ?? []).filter((s) => regionId === null || s.regionId === regionId);
    if (code !== '') {
      const found = inRegion(this.byCode.get(code.trim().toLowerCase()));
      if (found.length === 1 && found[0]) return { school: found[0] };
      if (found.length > 1) return { problem: `${found.length} schools with code "${code}" in different regions: add a region column to tell them apart` };
      if (name === '') return { problem: `no school with code "${code}"${regionId === null ? '' : ' in that region'} on the roster` };
    }
    const found = inRegion(this.byName.get(normaliseSchoolName(name)));
    if (found.length === 1 && found[0]) return { school: found[0] };
    if (found.length > 1) {
      return { problem: `${found.length} schools named like "${name}" (codes ${found.map((s) => s.code).join(', ')}): give the code` };
    }
    return { problem: `no school${code === '' ? '' : ` with code "${code}" or`} named "${name}"${regionId === null ? '' : ' in that region'} on the roster${this.suggest(name, regionId)}` };
  }

  private suggest(name: string, regionId: number | null): string {
    this.misses += 1;
    if (this.misses > SUGGESTED_MISSES) return '';
    const wanted = normaliseSchoolName(name);
    const closest = this.schools
      .filter((s) => regionId === null || s.regionId === regionId)
      .map((s) => ({ s, distance: editDistance(wanted, normaliseSchoolName(s.name)) }))
      .filter((c) => c.distance <= Math.max(3, Math.ceil(wanted.length / 3)))
      .sort((a, b) => a.distance - b.distance || a.s.name.localeCompare(b.s.name, 'ru'))
      .slice(0, 3);
    return closest.length === 0 ? '' : `; did you mean ${closest.map((c) => `"${c.s.name}" (${c.s.code})`).join(', ')}?`;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
