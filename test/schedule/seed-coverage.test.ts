import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolvePolicy } from '../../src/planner/policy.js';
import { loadScheduleFile } from '../../src/schedule/load.js';

/**
 * The schedule files against the roadmaps they encode (verbatim copies in test/fixtures/seeds): every
 * row is present once, in order, with its date cell and indicator as written.
 */

const SEEDS = new URL('../fixtures/seeds/', import.meta.url);

/**
 * Rows of a tab-separated roadmap text. A row starts on a line accepted by `isStart`; later lines with
 * tabs continue its cells (the originals wrap long cells across lines and pages).
 */
function tableRows(text: string, isStart: (line: string) => boolean, isNoise: (line: string) => boolean): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    if (isStart(line)) {
      rows.push(line.split('\t').map((cell) => cell.trim()));
    } else if (rows.length > 0 && line.includes('\t') && !isNoise(line)) {
      const row = rows[rows.length - 1] ?? [];
      line.split('\t').forEach((cell, i) => {
        if (i > 0 && cell.trim() !== '') row[i] = `${row[i] ?? ''} ${cell.trim()}`.trim();
      });
    }
  }
  return rows;
}

describe('schedules/500plus-federal-2022.yaml', () => {
  const schedule = loadScheduleFile('schedules/500plus-federal-2022.yaml');
  const rows = tableRows(
    readFileSync(new URL('000_c3fd9c603407d983.txt', SEEDS), 'utf8'),
    (line) => /^\d\d\.\d\d\.\d{4}/.test(line),
    (line) => line.startsWith('--'),
  );

  it('has one milestone per dated row of the federal roadmap, in order, naming its row', () => {
    expect(rows).toHaveLength(40);
    expect(schedule.milestones.map((m) => m.source)).toEqual(rows.map((row, i) => `000 row ${i + 1}: ${row[0]}`));
  });

  it('keeps each date cell and control indicator verbatim', () => {
    expect(schedule.milestones.map((m) => [m.whenText, m.kpi])).toEqual(rows.map((row) => [row[0], row[3]]));
  });

  it('asks the curator to confirm exactly where the indicator counts documents confirmed by the curator', () => {
    const confirmed = rows.flatMap((row, i) => (/подтвержденные куратором/.test(row[3] ?? '') ? [i] : []));
    expect(confirmed).toHaveLength(3);
    expect(schedule.milestones.flatMap((m, i) => (m.confirmBy === 'curator' ? [i] : []))).toEqual(confirmed);
  });

  it('includes both curator payments', () => {
    expect(schedule.milestones.filter((m) => m.kind === 'payment').map((m) => [m.id, m.when])).toEqual([
      ['curator-payment-1', expect.objectContaining({ kind: 'due', due: '2022-06-11' })],
      ['curator-payment-final', expect.objectContaining({ kind: 'due', due: '2022-11-01' })],
    ]);
  });
});

describe('schedules/500plus-saratov-2022.yaml', () => {
  const schedule = loadScheduleFile('schedules/500plus-saratov-2022.yaml');
  const items = tableRows(
    readFileSync(new URL('001_1b81b76936d4f3cb.txt', SEEDS), 'utf8'),
    (line) => /^\d+\.\d+\.\t/.test(line),
    (line) => line.startsWith('№ п/п') || /^(<b>)?\d+\.(<\/b>)?\t/.test(line),
  );
  const numbers = items.map((item) => (item[0] ?? '').replace(/\.$/, ''));

  it('has exactly one milestone per numbered item 1.1 to 6.5, in order', () => {
    const expected = [
      ...Array.from({ length: 9 }, (_, i) => `1.${i + 1}`),
      ...Array.from({ length: 17 }, (_, i) => `2.${i + 1}`),
      ...Array.from({ length: 6 }, (_, i) => `3.${i + 1}`),
      ...Array.from({ length: 4 }, (_, i) => `4.${i + 1}`),
      ...Array.from({ length: 10 }, (_, i) => `5.${i + 1}`),
      ...Array.from({ length: 5 }, (_, i) => `6.${i + 1}`),
    ];
    expect(numbers).toEqual(expected);
    expect(schedule.milestones.map((m) => m.source)).toEqual(expected.map((n) => `001 п. ${n}`));
  });

  it('keeps each «Срок реализации» cell verbatim, repairing only the cell split by a page break', () => {
    // Item 1.5's cell reads "(в соответствии)" on one page and "с графиком посещения)" on the next.
    const cells = items.map((item) =>
      (item[2] ?? '').replace('(в соответствии) с графиком посещения)', '(в соответствии с графиком посещения)'),
    );
    expect(schedule.milestones.map((m) => m.whenText)).toEqual(cells);
  });

  it('keeps the original executor text of every item', () => {
    // Section 4 lists the curator as a second executor on a sub-row; the file joins sub-rows with "; ".
    const flat = (text: string | null | undefined) => (text ?? '').replace(/;? /g, ' ');
    expect(schedule.milestones.map((m) => flat(m.executor))).toEqual(items.map((item) => flat(item[3])));
  });

  it('maps the ministry and the institute to the regional role', () => {
    const regionalOnly = schedule.milestones.filter((m) => /^(Министерство|ГАУ ДПО|Кафедра|ЦНППМ|Проректор)/.test(m.executor ?? ''));
    expect(regionalOnly.length).toBeGreaterThan(25);
    expect(new Set(regionalOnly.map((m) => m.assignee))).toEqual(new Set(['regional']));
  });

  it('names the weekly ВКС item vks-weekly and marks done items', () => {
    expect(schedule.milestones.find((m) => m.source === '001 п. 2.7')?.id).toBe('vks-weekly');
    expect(schedule.milestones.filter((m) => m.done).map((m) => m.source)).toEqual(['001 п. 1.2', '001 п. 2.1']);
  });
});

describe('the indicators of both 2022 schedules', () => {
  const files = ['schedules/500plus-federal-2022.yaml', 'schedules/500plus-saratov-2022.yaml'];

  it.each(files)('%s names a short indicator of its own for every tracked milestone', (file) => {
    const raw = parse(readFileSync(file, 'utf8')) as { milestones: { id: string; indicator?: string }[] };
    const written = new Map(raw.milestones.map((m) => [m.id, m.indicator]));
    const tracked = loadScheduleFile(file).milestones.filter((m) => resolvePolicy(m).chase);
    expect(tracked.length).toBeGreaterThan(20);
    expect(tracked.filter((m) => written.get(m.id) === undefined).map((m) => m.id)).toEqual([]);
    const indicators = tracked.map((m) => m.indicator);
    expect(new Set(indicators).size).toBe(indicators.length);
    for (const indicator of indicators) expect(indicator.length).toBeLessThanOrEqual(60);
  });

  it('names the regional expertise of stage 2 as regional, though its verbatim kpi repeats the municipal one', () => {
    const milestones = loadScheduleFile('schedules/500plus-saratov-2022.yaml').milestones;
    const regional = milestones.find((m) => m.id === 'stage-2-regional-expertise');
    const municipal = milestones.find((m) => m.id === 'stage-2-municipal-expertise');
    expect(regional?.indicator).toMatch(/^Региональная/);
    expect(regional?.indicator).not.toBe(municipal?.indicator);
  });
});
