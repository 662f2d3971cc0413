import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/local-date.js';
import { DatePhraseError } from '../../src/schedule/date-phrase-error.js';
import { calendarDateProblem } from '../../src/schedule/local-date.js';
import { recurrenceDates } from '../../src/schedule/recurrence-dates.js';
import { parseWhen } from '../../src/schedule/ru-dates.js';
import type { ParsedWhen } from '../../src/schedule/types.js';
import { FEDERAL_DATE_CELLS, SARATOV_DATE_CELLS } from '../fixtures/seed-date-cells.js';

const year = 2022;
const read = (phrase: string): ParsedWhen => parseWhen(phrase, { year });
const plain = { note: null, done: false, time: null };

function failure(phrase: string): DatePhraseError {
  try {
    parseWhen(phrase, { year });
  } catch (error) {
    if (error instanceof DatePhraseError) return error;
    throw error;
  }
  throw new Error(`"${phrase}" was read without an error`);
}

describe('parseWhen', () => {
  describe('a single day', () => {
    it.each([
      ['20 сентября 2022 года', '2022-09-20'],
      ['01.03.2022', '2022-03-01'],
      ['2022-03-01', '2022-03-01'],
      ['до 1 марта 2022 года', '2022-03-01'],
      ['не позднее 15 марта 2022 г.', '2022-03-15'],
      ['к 15 марта 2022', '2022-03-15'],
      ['по 15.03.2022', '2022-03-15'],
      ['до 25.03.2022', '2022-03-25'],
      ['5 декабря', '2022-12-05'],
      ['29.02.2024', '2024-02-29'],
    ])('reads "%s" as due on %s', (phrase, due) => {
      expect(read(phrase)).toEqual({ kind: 'due', due, ...plain });
    });

    it('takes the schedule year for a day written without one ("31 января", "1 сентября")', () => {
      expect(parseWhen('31 января', { year: 2023 })).toMatchObject({ kind: 'due', due: '2023-01-31' });
      expect(parseWhen('1 сентября', { year: 2021 })).toMatchObject({ kind: 'due', due: '2021-09-01' });
    });

    it('reads two-digit years as 20yy ("до 20.08.21")', () => {
      expect(read('до 20.08.21')).toMatchObject({ kind: 'due', due: '2021-08-20' });
    });

    it('forgives a stray space after a dot ("09.06. 2021") and stray whitespace anywhere', () => {
      expect(read('09.06. 2021')).toMatchObject({ kind: 'due', due: '2021-06-09' });
      expect(read('  до\u00A01\n марта   2022\tгода ')).toMatchObject({ kind: 'due', due: '2022-03-01' });
    });
  });

  describe('a month', () => {
    it.each([
      ['март 2022 года', '2022-03-01', '2022-03-31'],
      ['сентябрь 2022 года', '2022-09-01', '2022-09-30'],
      ['в феврале 2024 года', '2024-02-01', '2024-02-29'],
      ['03.2022', '2022-03-01', '2022-03-31'],
    ])('reads "%s" as due on its last day, keeping the month %s – %s as its period', (phrase, start, due) => {
      expect(read(phrase)).toEqual({ kind: 'due', due, period: { start, end: due }, ...plain });
    });

    it.each([
      ['до конца марта 2022 года', '2022-03-31'],
      ['до конца года', '2022-12-31'],
      ['до конца 2023 года', '2023-12-31'],
      ['до конца I квартала 2022 года', '2022-03-31'],
    ])('reads "%s" as due at the end of the period, %s', (phrase, due) => {
      expect(read(phrase)).toEqual({ kind: 'due', due, ...plain });
    });
  });

  describe('a window', () => {
    it.each([
      ['14.02.2022 – 30.03.2022', '2022-02-14', '2022-03-30'],
      ['14.02.2022 - 30.03.2022', '2022-02-14', '2022-03-30'],
      ['14.02.2022—30.03.2022', '2022-02-14', '2022-03-30'],
      ['14.02.2022 -30.03.2022', '2022-02-14', '2022-03-30'],
      ['с 14.02.2022 по 30.03.2022', '2022-02-14', '2022-03-30'],
      ['с 1 по 15 марта 2022 года', '2022-03-01', '2022-03-15'],
      ['1 – 15 марта', '2022-03-01', '2022-03-15'],
      ['февраль - апрель 2022 года', '2022-02-01', '2022-04-30'],
      ['октябрь – декабрь 2022 года', '2022-10-01', '2022-12-31'],
      ['09.06 – 17.07.21', '2021-06-09', '2021-07-17'],
      ['15.12 – 15.01.2023', '2022-12-15', '2023-01-15'],
      ['14.02.2022 – до конца года', '2022-02-14', '2022-12-31'],
      ['с 1 марта 2022 года', '2022-03-01', '2022-12-31'],
      ['I квартал 2022 года', '2022-01-01', '2022-03-31'],
      ['IV квартал', '2022-10-01', '2022-12-31'],
      ['II полугодие 2022 года', '2022-07-01', '2022-12-31'],
      ['первое полугодие', '2022-01-01', '2022-06-30'],
      ['в 2023 году', '2023-01-01', '2023-12-31'],
      ['в течение марта', '2022-03-01', '2022-03-31'],
    ])('reads "%s" as %s to %s', (phrase, start, due) => {
      expect(read(phrase)).toEqual({ kind: 'window', start, due, ...plain });
    });
  });

  describe('several days in one cell', () => {
    it.each([
      ['01.03.2022, 15.03.2022', ['2022-03-01', '2022-03-15']],
      ['16, 23 и 30 марта 2022 года', ['2022-03-16', '2022-03-23', '2022-03-30']],
      ['15.03.2022; 01.03.2022 и 15.03.2022', ['2022-03-01', '2022-03-15']],
    ])('reads "%s" as the days %j', (phrase, dates) => {
      expect(read(phrase)).toEqual({ kind: 'dates', dates, ...plain });
    });

    it('reads the same day written twice as one deadline', () => {
      expect(read('30.11.2021, 30.11.2021')).toEqual({ kind: 'due', due: '2021-11-30', ...plain });
    });
  });

  describe('a series', () => {
    it('reads the weekly Tuesday ВКС over two terms: 22 + 17 = 39 Tuesdays', () => {
      const when = read('еженедельно по вторникам с 08.02.2022 по 05.07.2022, с 30.08.2022 по 20.12.2022');
      expect(when.kind === 'recurring' && recurrenceDates(when.recurrence)).toHaveLength(39);
    });

    it('reads a monthly last weekday from the month it starts to the end of the year', () => {
      expect(read('с марта 2022 года ежемесячно (в последний вторник месяца)')).toEqual({
        kind: 'recurring',
        recurrence: { freq: 'monthly', nth: -1, weekday: 2, ranges: [{ start: '2022-03-01', end: '2022-12-31' }] },
        ...plain,
      });
    });

    it('reads several weekdays, an nth weekday and a day of the month', () => {
      expect(read('по понедельникам и пятницам с 01.03.2022 по 31.03.2022')).toMatchObject({
        recurrence: { freq: 'weekly', weekdays: [1, 5], ranges: [{ start: '2022-03-01', end: '2022-03-31' }] },
      });
      expect(read('каждый первый понедельник месяца')).toMatchObject({
        recurrence: { freq: 'monthly', nth: 1, weekday: 1, ranges: [{ start: '2022-01-01', end: '2022-12-31' }] },
      });
      expect(read('ежемесячно до 5-го числа')).toMatchObject({ recurrence: { freq: 'monthly', dayOfMonth: 5 } });
    });

    it('runs a series without dates over the schedule year, and "до" a day from New Year', () => {
      const wednesdays = read('каждую среду');
      expect(wednesdays.kind === 'recurring' && recurrenceDates(wednesdays.recurrence)).toHaveLength(52);
      expect(read('по вторникам до 05.07.2022')).toMatchObject({
        recurrence: { ranges: [{ start: '2022-01-01', end: '2022-07-05' }] },
      });
    });

    it('puts a day past a short month on its last day ("31 числа" in February)', () => {
      const when = read('ежемесячно 31 числа с 01.01.2022 по 31.03.2022');
      expect(when.kind === 'recurring' && recurrenceDates(when.recurrence)).toEqual([
        '2022-01-31',
        '2022-02-28',
        '2022-03-31',
      ]);
    });
  });

  describe('a continuous item', () => {
    const wholeYear = { kind: 'continuous', span: { start: '2022-01-01', end: '2022-12-31' }, ...plain };

    it.each(['постоянно', 'в течение года', 'еженедельно', 'ежемесячно', 'ежедневно', 'в течение 2022 года'])(
      'reads "%s" as the whole year with no deadline',
      (phrase) => {
        expect(read(phrase)).toEqual(wholeYear);
      },
    );

    it('reads "ежегодно" as belonging to no year, and a weekly item with dates but no weekday as its window', () => {
      expect(read('ежегодно')).toEqual({ kind: 'continuous', span: null, ...plain });
      expect(read('еженедельно с 01.03.2022 по 31.03.2022')).toMatchObject({
        kind: 'continuous',
        span: { start: '2022-03-01', end: '2022-03-31' },
      });
    });
  });

  describe('annotations and times', () => {
    it('marks "(исполнено)" done and keeps it as the note', () => {
      expect(read('03.02.2022 (исполнено)')).toEqual({ kind: 'due', due: '2022-02-03', note: 'исполнено', done: true, time: null });
    });

    it('keeps any other parenthesis verbatim as the note, and drops footnote stars', () => {
      expect(read('29.04.2022* (Мониторинг готовится к весенней конференции Рособнадзора)')).toMatchObject({
        due: '2022-04-29',
        note: 'Мониторинг готовится к весенней конференции Рособнадзора',
      });
      expect(read('14.02.2022 – до конца года (в соответствии с графиком посещения)')).toMatchObject({
        kind: 'window',
        due: '2022-12-31',
        note: 'в соответствии с графиком посещения',
      });
      expect(read('до 1 марта 2022 (исполнено) (срок  перенесен)')).toMatchObject({ done: true, note: 'исполнено; срок перенесен' });
      expect(read('01.03.2022 (по согласованию')).toMatchObject({ due: '2022-03-01', note: 'по согласованию' });
    });

    it.each(['в 10:00 01.03.2022', '01.03.2022 10.00', '01.03.2022 в 10.00', 'до 1 марта 2022 года (в 10:00)', '1 марта 10:00'])(
      'reads the time of day in "%s"',
      (phrase) => {
        expect(read(phrase)).toMatchObject({ due: '2022-03-01', time: '10:00' });
      },
    );
  });

  describe('errors', () => {
    it.each([
      ['до 31 февраля 2022', '"до 31 февраля 2022" is not a date (February 2022 has 28 days)'],
      ['29.02.2022', '"29.02.2022" is not a date (February 2022 has 28 days)'],
      ['01.13.2022', '"01.13.2022" is not a date (there is no month 13)'],
      ['0.03.2022', '"0.03.2022" is not a date (there is no day 0)'],
      [
        '10.03.2022 – 01.03.2022',
        '"10.03.2022 – 01.03.2022" is not a date (it starts on 10.03.2022, after it ends on 01.03.2022)',
      ],
      ['до марта', '"до марта" is not a date ("до марта" is ambiguous: write a day ("до 1 марта") or "до конца марта")'],
      ['V квартал 2022', '"V квартал 2022" is not a date (expected a date such as 01.03.2022'],
      ['5 квартал 2022', '"5 квартал 2022" is not a date (there is no quarter 5)'],
      ['01.03.1999', '"01.03.1999" is not a date (the year 1999 is outside 2000–2099)'],
      ['завтра', '"завтра" is not a date (expected a date such as 01.03.2022'],
      ['', '"" is not a date (there is no date in it'],
      ['(исполнено)', '"(исполнено)" is not a date (there is no date in it'],
      ['01.03.2022)', '"01.03.2022)" is not a date (")" without a matching "(")'],
      ['01.03.2022 @', '"01.03.2022 @" is not a date (unexpected "@"'],
      ['01.03.2022.5', '"01.03.2022.5" is not a date ("01.03.2022.5…" is not a date like 01.03.2022'],
      ['15', '"15" is not a date ("15" is neither a day with its month nor a year'],
      ['1 – 2022', '"1 – 2022" is not a date (the day "1" has no month)'],
      [
        '01.03.2022 – 10.03.2022, 15.03.2022 – 20.03.2022',
        '"01.03.2022 – 10.03.2022, 15.03.2022 – 20.03.2022" is not a date (several windows or periods in one cell',
      ],
      ['ежемесячно по вторникам', '"ежемесячно по вторникам" is not a date (a weekly day cannot repeat monthly)'],
      ['ежегодно до 1 марта', '"ежегодно до 1 марта" is not a date ("ежегодно" takes no dates'],
      [
        'по вторникам с 09.02.2022 по 10.02.2022',
        '"по вторникам с 09.02.2022 по 10.02.2022" is not a date (the series has no date within 09.02.2022–10.02.2022)',
      ],
      ['еженедельно по вторникам 08.02.2022', 'a repeating item needs a span of dates, not the one day "08.02.2022"'],
      ['01.03.2022 в 10:00 и в 11:00', 'two times of day, 10:00 and 11:00'],
    ])('refuses "%s"', (phrase, message) => {
      const error = failure(phrase);
      expect(error.message).toContain(message);
      expect(error.phrase).toBe(phrase);
      expect(error.message).toBe(`"${phrase}" is not a date (${error.reason})`);
    });

    it('refuses an overlong cell and quotes only its beginning', () => {
      const error = failure(`01.03.2022 ${'x'.repeat(2000)}`);
      expect(error.reason).toBe('2011 characters is too long for a date cell (at most 1000)');
      expect(error.message.length).toBeLessThan(250);
    });
  });

  describe('on generated input', () => {
    const realPhrases = [...FEDERAL_DATE_CELLS, ...SARATOV_DATE_CELLS].map((row) => row.cell);
    const pieces = [
      ...realPhrases,
      ...'0123456789.,;:-–— ()*'.split(''),
      'до', 'с', 'по', 'в', 'и', 'конца', 'года', 'течение', 'марта', 'квартал', 'II', 'числа', 'последний', 'вторник',
      'вторникам', 'еженедельно', 'ежемесячно', 'ежегодно', 'исполнено', '2022', '21', '10:00', '31.02.2022',
    ];
    const cellLike = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''));
    const mutated = fc
      .tuple(fc.constantFrom(...realPhrases), fc.nat(), fc.nat({ max: 6 }), fc.string({ maxLength: 4 }))
      .map(([phrase, at, cut, insert]) => {
        const index = at % (phrase.length + 1);
        return phrase.slice(0, index) + insert + phrase.slice(index + cut);
      });
    const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), cellLike, mutated);

    function isRealDate(date: LocalDate): boolean {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      return match !== null && calendarDateProblem(Number(match[1]), Number(match[2]), Number(match[3])) === null;
    }

    /** Every date in a reading is a real calendar date and every window runs forward. */
    function isSound(when: ParsedWhen): boolean {
      switch (when.kind) {
        case 'due':
          return isRealDate(when.due);
        case 'window':
          return isRealDate(when.start) && isRealDate(when.due) && when.start <= when.due;
        case 'dates':
          return when.dates.length > 1 && when.dates.every(isRealDate);
        case 'continuous':
          return when.span === null || (isRealDate(when.span.start) && when.span.start <= when.span.end);
        case 'recurring':
          return recurrenceDates(when.recurrence).every(isRealDate) && recurrenceDates(when.recurrence).length > 0;
      }
    }

    it('either reads a sound ParsedWhen or throws a DatePhraseError quoting the input, for any text', () => {
      fc.assert(
        fc.property(anyText, fc.integer({ min: 2000, max: 2099 }), (phrase, scheduleYear) => {
          let when: ParsedWhen;
          try {
            when = parseWhen(phrase, { year: scheduleYear });
          } catch (error) {
            expect(error).toBeInstanceOf(DatePhraseError);
            expect((error as DatePhraseError).phrase).toBe(phrase);
            return;
          }
          expect(isSound(when)).toBe(true);
        }),
        { numRuns: 10_000 },
      );
    });
  });
});
