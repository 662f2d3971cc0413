import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recurrenceDates } from '../../src/schedule/recurrence-dates.js';
import { parseWhen } from '../../src/schedule/ru-dates.js';
import { FEDERAL_DATE_CELLS, SARATOV_DATE_CELLS, SEED_YEAR, type SeedDateCell } from '../fixtures/seed-date-cells.js';

const SEEDS = new URL('../fixtures/seeds/', import.meta.url);

function seedLines(file: string): string[] {
  return readFileSync(new URL(file, SEEDS), 'utf8').split('\n');
}

function readsAsAPersonDoes(cells: SeedDateCell[]): void {
  it.each(cells)('$source "$cell"', ({ cell, when, dates }) => {
    const parsed = parseWhen(cell, { year: SEED_YEAR });
    expect(parsed).toEqual(when);
    if (parsed.kind === 'recurring') expect(recurrenceDates(parsed.recurrence)).toEqual(dates);
    else expect(dates).toBeUndefined();
  });
}

describe('parseWhen on the federal roadmap (seed 000)', () => {
  const dated = seedLines('000_c3fd9c603407d983.txt').filter((line) => /^\d\d\.\d\d\.\d{4}/.test(line));

  it('covers the "Дата" cell of every dated row, verbatim and in order', () => {
    expect(FEDERAL_DATE_CELLS).toHaveLength(40);
    expect(FEDERAL_DATE_CELLS.map((row) => row.cell)).toEqual(dated.map((line) => line.split('\t')[0]));
  });

  readsAsAPersonDoes(FEDERAL_DATE_CELLS);
});

describe('parseWhen on the Saratov roadmap (seed 001)', () => {
  const items = seedLines('001_1b81b76936d4f3cb.txt')
    .map((line) => /^(\d\.\d+)\.\t[^\t]*\t([^\t]*)/.exec(line))
    .filter((match) => match !== null);

  it('covers the "Срок" cell of every item from 1.1 to 6.5, in order', () => {
    expect(SARATOV_DATE_CELLS).toHaveLength(51);
    expect(SARATOV_DATE_CELLS.map((row) => row.source)).toEqual(items.map((match) => `001 п. ${match[1]}`));
  });

  it('starts each cell as the extraction shows it (which cuts wrapped cells and once a parenthesis)', () => {
    SARATOV_DATE_CELLS.forEach((row, index) => {
      const shown = (items[index]?.[2] ?? '').trim().replace(/\)$/, '');
      expect(row.cell.startsWith(shown), `${row.source}: "${shown}"`).toBe(true);
    });
  });

  readsAsAPersonDoes(SARATOV_DATE_CELLS);

  it('finds the 39 weekly ВКС Tuesdays of item 2.7: 22 before the summer, 17 after', () => {
    const vks = SARATOV_DATE_CELLS.find((row) => row.source === '001 п. 2.7');
    const parsed = parseWhen(vks?.cell ?? '', { year: SEED_YEAR });
    if (parsed.kind !== 'recurring') throw new Error(`expected a series, got ${parsed.kind}`);
    const dates = recurrenceDates(parsed.recurrence);
    expect(dates.filter((date) => date <= '2022-07-05')).toHaveLength(22);
    expect(dates.filter((date) => date >= '2022-08-30')).toHaveLength(17);
  });
});
