import { flatten } from './document.js';

/** What a roadmap column holds, recognised from its header. */
export type ColumnRole = 'number' | 'title' | 'date' | 'executor' | 'kpi' | 'notes';

/**
 * Header wordings, whatever their order in the table: «№ п/п», «Наименование мероприятия» /
 * «Мероприятие» / «Событие», «Срок(и) (исполнения)» / «Дата», «Ответственные (исполнители)»,
 * «Показатель / результат», «Задачи» / «Описание». First match wins: «Результат/Показатель для
 * контроля» is the indicator, not a title. The date header must start the cell, because a longer
 * header may mention a date in passing.
 */
const HEADER_RULES: readonly [ColumnRole, RegExp][] = [
  ['number', /^(№|n|no|номер)(\s|\.|$)|^п\s*\/\s*п$/],
  ['date', /^(срок|дата|даты|период|когда|время проведения)/],
  ['executor', /ответствен|исполнител|^отв\./],
  ['kpi', /показател|результат|индикатор|^kpi$/],
  ['notes', /описание|задач|примечани|комментари/],
  ['title', /мероприяти|событи|наименовани|содержание|действи/],
];

/** Lower case, ё as е, spacing collapsed: how headers are compared. */
export function normaliseHeader(text: string): string {
  return flatten(text).toLowerCase().replace(/ё/g, 'е');
}

export function columnRole(header: string): ColumnRole | null {
  const text = normaliseHeader(header);
  if (text === '' || text.length > 120) return null;
  return HEADER_RULES.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}
