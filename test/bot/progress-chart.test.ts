import { describe, expect, it } from 'vitest';
import type { Params } from '../../src/domain/notification.js';
import { createRenderer } from '../../src/delivery/render.js';
import { CHART_WIDTH, chartHeight, progressPng, progressSvg } from '../../src/bot/progress-chart.js';
import { decodePng } from '../support/png.js';

const renderer = createRenderer();
const say = (id: string, params?: Params) => renderer.format(id, params);
const digest = {
  region: 'Саратовская область',
  date: '2022-06-06',
  lines: [
    { indicator: 'Документы 1 этапа размещены и подтверждены', due: '2022-06-01', done: 30, total: 53, percent: 56, week: 6, lagging: 23 },
    { indicator: 'Второй опрос участников пройден', due: '2022-06-13', done: 0, total: 53, percent: 0, week: 0, lagging: 0 },
    { indicator: 'Договоры с кураторами заключены', due: '2022-06-01', done: 53, total: 53, percent: 100, week: 2, lagging: 0 },
  ],
};

describe('progressPng', () => {
  it('draws a PNG that decodes, one bar row per digest line, at the chart width', () => {
    const size = decodePng(progressPng(digest, say));
    expect(size).toMatchObject({ width: CHART_WIDTH, height: chartHeight(3) });
  });

  it('marks in red only a line whose deadline has passed with subjects still lagging, and says every figure from the templates', () => {
    const svg = progressSvg(digest, say);
    expect(svg.match(/fill="#d9534f"/g)).toHaveLength(1);
    expect(svg).toContain('Выполнение показателей на 6 июня');
    expect(svg).toContain('Документы 1 этапа размещены и подтверждены · срок 01.06');
    expect(svg).toContain('30 из 53');
  });

  it('escapes a title that carries markup characters, and draws an empty digest as one line of text', () => {
    const svg = progressSvg({ ...digest, lines: [{ ...digest.lines[0]!, indicator: 'Отчёт <ОО> & «кураторы»' }] }, say);
    expect(svg).toContain('Отчёт &#60;ОО&#62; &#38; «кураторы»');
    expect(decodePng(progressPng({ ...digest, lines: [] }, say)).height).toBe(chartHeight(0));
  });
});
