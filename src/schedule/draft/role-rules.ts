import type { Role, Scope } from '../../domain/roles.js';

/**
 * Who acts, read from the executor cell: the one table of wordings for every roadmap. A rule matches
 * anywhere in the text (lower case, ё as е); the role named first in the cell is the assignee.
 * The ministry, the regional institute (…ИРО) and the assessment centre (ЦОКО) act for the region.
 */
export const ROLE_RULES: readonly { role: Role; pattern: RegExp }[] = [
  { role: 'school', pattern: /школ|общеобразовательн[а-я]* организаци|образовательн[а-я]* организаци|(^|[^а-я])оо([^а-я]|$)|управленческ[а-я]* команд|директор/ },
  { role: 'curator', pattern: /куратор/ },
  {
    role: 'municipal',
    pattern: /муниципальн[а-я]* (координатор|организатор)|органы? местного самоуправления|(^|[^а-я])моуо([^а-я]|$)|муниципалитет/,
  },
  {
    role: 'regional',
    pattern:
      /региональн[а-я]* (координатор|эксперт)|министерств|комитет|департамент|(^|[^а-я])(цоко|[а-я]*иро|гау дпо|цнппм|оив)([^а-я]|$)|институт развития образования|центр оценки качества|центр непрерывного повышения|кафедр|регион/,
  },
];

/** One completion per subject of the acting role's kind: a school's item per school, and so on. */
export const SCOPE_OF_ROLE: Readonly<Record<Role, Scope>> = { school: 'school', curator: 'curator', municipal: 'municipality', regional: 'region' };

/**
 * The roles an executor text names, in the order it names them. «Кураторы, закрепленные за
 * общеобразовательными организациями» names curators only: the schools there are whom they serve.
 */
export function rolesNamed(text: string): Role[] {
  const lower = text.toLowerCase().replace(/ё/g, 'е').replace(/закрепленн[а-я]* за [^,;]*/g, '');
  return ROLE_RULES.map(({ role, pattern }) => ({ role, at: lower.search(pattern) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ role }) => role);
}
