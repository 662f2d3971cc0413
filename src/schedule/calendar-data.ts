import type { LocalDate } from '../domain/local-date.js';

/**
 * Russia's production calendar as data. No npm package has correct offline data for current years, so the
 * project keeps its own: each year's government decree on moving days off, plus the shortened pre-holiday
 * days of the Ministry of Labour's production calendar. Everything else is derived in calendar.ts from
 * the Labour Code (art. 112: fixed holidays; a holiday on a weekend moves the day off to the next working
 * day, except the January holidays, which only the decree moves).
 *
 * Adding a year: copy the decree's moves verbatim (`from` → `to`), list the shortened days, and check the
 * year's working-day total against the published calendar in test/schedule/calendar.test.ts.
 */

/** A non-working public holiday of Labour Code art. 112, recurring every year on the same day. */
export interface FixedHoliday {
  month: number;
  day: number;
  /** The holiday's official name. */
  name: string;
}

/** Labour Code art. 112 part 1 (as amended by Federal Law No. 35-FZ of 23.04.2012). */
export const LABOUR_CODE_HOLIDAYS: readonly FixedHoliday[] = [
  { month: 1, day: 1, name: 'Новогодние каникулы' },
  { month: 1, day: 2, name: 'Новогодние каникулы' },
  { month: 1, day: 3, name: 'Новогодние каникулы' },
  { month: 1, day: 4, name: 'Новогодние каникулы' },
  { month: 1, day: 5, name: 'Новогодние каникулы' },
  { month: 1, day: 6, name: 'Новогодние каникулы' },
  { month: 1, day: 7, name: 'Рождество Христово' },
  { month: 1, day: 8, name: 'Новогодние каникулы' },
  { month: 2, day: 23, name: 'День защитника Отечества' },
  { month: 3, day: 8, name: 'Международный женский день' },
  { month: 5, day: 1, name: 'Праздник Весны и Труда' },
  { month: 5, day: 9, name: 'День Победы' },
  { month: 6, day: 12, name: 'День России' },
  { month: 11, day: 4, name: 'День народного единства' },
];

/** Art. 112 part 2: weekend days that coincide with these holidays move only by the government's decree. */
export const DECREE_ONLY_MONTH = 1;

/** A day off moved by the decree: `from` (a weekend day, or a holiday on a weekend) becomes `to`. */
export interface DayOffMove {
  from: LocalDate;
  to: LocalDate;
}

/** One year of the production calendar, as its sources state it. */
export interface CalendarYearData {
  year: number;
  /** The decree on moving days off, cited as published. */
  source: string;
  /** The decree's moves, in its order. A `from` that is not a holiday becomes a working day. */
  moves: readonly DayOffMove[];
  /** Working days shortened by one hour (Labour Code art. 95), per the Ministry of Labour's calendar. */
  shortDays: readonly LocalDate[];
}

export const CALENDAR_YEARS: readonly CalendarYearData[] = [
  {
    // 2021 also had paid non-working days by presidential decree (No. 242 of 23.04.2021: 4–7 May; No. 595 of
    // 20.10.2021: 1–3 November). They are not part of the production calendar (247 working days) and are
    // not listed: the programme's schedules start in 2022.
    year: 2021,
    source: 'Постановление Правительства РФ от 10.10.2020 № 1648',
    moves: [
      { from: '2021-01-02', to: '2021-11-05' },
      { from: '2021-01-03', to: '2021-12-31' },
      { from: '2021-02-20', to: '2021-02-22' },
    ],
    shortDays: ['2021-02-20', '2021-04-30', '2021-06-11', '2021-11-03'],
  },
  {
    year: 2022,
    source: 'Постановление Правительства РФ от 29.09.2021 № 1704',
    moves: [
      { from: '2022-01-01', to: '2022-05-03' },
      { from: '2022-01-02', to: '2022-05-10' },
      { from: '2022-03-05', to: '2022-03-07' },
    ],
    shortDays: ['2022-02-22', '2022-03-05', '2022-11-03'],
  },
  {
    year: 2023,
    source: 'Постановление Правительства РФ от 29.08.2022 № 2115',
    moves: [
      { from: '2023-01-01', to: '2023-02-24' },
      { from: '2023-01-08', to: '2023-05-08' },
    ],
    shortDays: ['2023-02-22', '2023-03-07', '2023-11-03'],
  },
  {
    year: 2024,
    source: 'Постановление Правительства РФ от 10.08.2023 № 1906',
    moves: [
      { from: '2024-01-06', to: '2024-05-10' },
      { from: '2024-01-07', to: '2024-12-31' },
      { from: '2024-04-27', to: '2024-04-29' },
      { from: '2024-11-02', to: '2024-04-30' },
      { from: '2024-12-28', to: '2024-12-30' },
    ],
    shortDays: ['2024-02-22', '2024-03-07', '2024-05-08', '2024-06-11', '2024-11-02'],
  },
  {
    year: 2025,
    source: 'Постановление Правительства РФ от 04.10.2024 № 1335',
    moves: [
      { from: '2025-01-04', to: '2025-05-02' },
      { from: '2025-01-05', to: '2025-12-31' },
      { from: '2025-02-23', to: '2025-05-08' },
      { from: '2025-03-08', to: '2025-06-13' },
      { from: '2025-11-01', to: '2025-11-03' },
    ],
    shortDays: ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01'],
  },
  {
    year: 2026,
    source: 'Постановление Правительства РФ от 24.09.2025 № 1466',
    moves: [
      { from: '2026-01-03', to: '2026-01-09' },
      { from: '2026-01-04', to: '2026-12-31' },
    ],
    shortDays: ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03'],
  },
];

/** Cited for a year with no decree in the data: only the Labour Code's rules apply. */
export const LABOUR_CODE_SOURCE = 'Трудовой кодекс РФ, ст. 95, 112';
