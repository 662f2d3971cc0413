import type { MilestoneKind } from '../types.js';

/**
 * The kind of an activity from keywords of its title, in this order of precedence (a «вебинар по
 * итогам мониторинга» is a meeting). Stems match inside words, lower case, ё as е.
 */
export const KIND_RULES: readonly { kind: MilestoneKind; pattern: RegExp }[] = [
  { kind: 'payment', pattern: /выплат|оплат/ },
  { kind: 'survey', pattern: /анкетировани|(^|[^а-я])опрос/ },
  { kind: 'meeting', pattern: /совещани|вебинар|(^|[^а-я])вкс([^а-я]|$)|видеоконференц|семинар|конференци|консультаци|тьюториал/ },
  { kind: 'visit', pattern: /посещени|выезд/ },
  { kind: 'expertise', pattern: /экспертиз/ },
  { kind: 'monitoring', pattern: /мониторинг/ },
  { kind: 'appointment', pattern: /назначени|закреплени|(^|[^а-я])отбор/ },
  { kind: 'plan_submission', pattern: /дорожн[а-я]* карт|план[а-я]*-график|концептуальн|антирисков|программ[а-я]* развития|размещени/ },
  { kind: 'report', pattern: /отчет|итог|анализ|аналитическ|справк|подтверждающ/ },
];

export interface KindGuess {
  kind: MilestoneKind;
  /** The keyword that settled it, or null: no keyword matched and the kind is `other`. */
  keyword: string | null;
  /** Other kinds whose keywords the title also holds, for the reviewer. */
  alsoMatched: { kind: MilestoneKind; keyword: string }[];
}

export function guessKind(title: string): KindGuess {
  const lower = title.toLowerCase().replace(/ё/g, 'е');
  const matches = KIND_RULES.flatMap(({ kind, pattern }) => {
    const found = pattern.exec(lower);
    return found === null ? [] : [{ kind, keyword: found[0].replace(/[^а-яa-z -]/g, '').trim() }];
  });
  const [first, ...rest] = matches;
  if (first === undefined) return { kind: 'other', keyword: null, alsoMatched: [] };
  return { kind: first.kind, keyword: first.keyword, alsoMatched: rest.filter((m) => m.kind !== first.kind) };
}
