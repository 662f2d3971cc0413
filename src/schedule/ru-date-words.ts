import type { Weekday } from './types.js';

/**
 * The Russian words date phrases are made of, lower case with "ё" written "е" and without a
 * trailing abbreviation dot. Every grammatical case a roadmap uses is listed, so lookup is exact.
 */

function table<V>(groups: ReadonlyArray<readonly [V, string]>): ReadonlyMap<string, V> {
  const map = new Map<string, V>();
  for (const [value, forms] of groups) for (const form of forms.split(' ')) map.set(form, value);
  return map;
}

/** Month names in every case plus the usual abbreviations ("сент.", "нояб."). */
export const MONTHS = table<number>([
  [1, 'январь января январе январю янв'],
  [2, 'февраль февраля феврале февралю фев февр'],
  [3, 'март марта марте марту мар'],
  [4, 'апрель апреля апреле апрелю апр'],
  [5, 'май мая мае маю'],
  [6, 'июнь июня июне июню июн'],
  [7, 'июль июля июле июлю июл'],
  [8, 'август августа августе августу авг'],
  [9, 'сентябрь сентября сентябре сентябрю сен сент'],
  [10, 'октябрь октября октябре октябрю окт'],
  [11, 'ноябрь ноября ноябре ноябрю ноя нояб'],
  [12, 'декабрь декабря декабре декабрю дек'],
]);

/** "вторник", "в среду", "каждую пятницу". */
export const WEEKDAYS = table<Weekday>([
  [1, 'понедельник'],
  [2, 'вторник'],
  [3, 'среда среду'],
  [4, 'четверг'],
  [5, 'пятница пятницу'],
  [6, 'суббота субботу'],
  [7, 'воскресенье'],
]);

/** "по вторникам". */
export const WEEKDAYS_PLURAL = table<Weekday>([
  [1, 'понедельникам'],
  [2, 'вторникам'],
  [3, 'средам'],
  [4, 'четвергам'],
  [5, 'пятницам'],
  [6, 'субботам'],
  [7, 'воскресеньям'],
]);

/** "в последний вторник", "второе полугодие", "первый квартал"; -1 is "the last". */
export const ORDINALS = table<1 | 2 | 3 | 4 | 5 | -1>([
  [1, 'первый первую первое первого первом'],
  [2, 'второй вторую второе второго втором'],
  [3, 'третий третью третье третьего третьем'],
  [4, 'четвертый четвертую четвертое четвертого четвертом'],
  [5, 'пятый пятую пятое пятого пятом'],
  [-1, 'последний последнюю последнее последнего последнем'],
]);

/** Roman numerals of quarters and half-years ("I квартал", "II полугодие"), read in Latin letters. */
export const ROMAN = table<number>([
  [1, 'i'],
  [2, 'ii'],
  [3, 'iii'],
  [4, 'iv'],
]);

export const YEAR_WORDS = new Set(['год', 'года', 'году', 'г', 'гг', 'годы', 'годов']);
export const QUARTER_WORDS = new Set(['квартал', 'квартала', 'квартале', 'кв']);
export const HALF_YEAR_WORDS = new Set(['полугодие', 'полугодия', 'полугодии']);

/** How often, written as one word. */
export type Frequency = 'weekly' | 'monthly' | 'yearly' | 'daily' | 'quarterly' | 'always';

export const FREQUENCIES = table<Frequency>([
  ['weekly', 'еженедельно'],
  ['monthly', 'ежемесячно'],
  ['yearly', 'ежегодно'],
  ['daily', 'ежедневно'],
  ['quarterly', 'ежеквартально'],
  ['always', 'постоянно'],
]);

/** A cell saying the item is already done. */
export const DONE_WORDS = new Set(['исполнено', 'выполнено']);

/** "каждый вторник", "каждую неделю", "каждого месяца". */
export const EVERY_WORDS = new Set(['каждый', 'каждую', 'каждое', 'каждого', 'каждом']);
