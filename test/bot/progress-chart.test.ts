import { afterEach, describe, expect, it } from 'vitest';
import type { Params } from '../../src/domain/notification.js';
import { createRenderer } from '../../src/delivery/render.js';
import { CHART_WIDTH, chartHeight, progressPng, progressSvg } from '../../src/bot/progress-chart.js';
import { decodePng } from '../support/png.js';
import { startWorld, tg, type World } from './fixture.js';

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

describe('bot: /digest and its chart', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('sends a regional coordinator\'s /digest with the progress chart after the text, as the weekly digest comes', async () => {
    w = await startWorld({ now: '2022-06-08T10:00' });
    const { regionalSaratov } = w.roster.person;
    await w.register(regionalSaratov);
    const before = w.emu.sent(tg(regionalSaratov)).length;
    w.text(tg(regionalSaratov), '/digest');
    const photo = await w.until(() => w.emu.sent(tg(regionalSaratov)).slice(before).find((m) => m.method === 'sendPhoto'), 'chart');
    const replies = w.emu.sent(tg(regionalSaratov)).slice(before);
    expect(replies.map((m) => m.method)).toEqual(['sendMessage', 'sendPhoto']);
    expect(replies[0]?.text).toMatch(/^Сводка по региону/);
    expect(photo.document?.filename).toBe('progress-2022-06-08.png');
    expect(decodePng(photo.document!.bytes)).toMatchObject({ width: CHART_WIDTH, height: chartHeight(1) });
    expect(photo.text).toBe(renderer.format('chart-caption'));
  });

  it('answers a municipal coordinator\'s /digest with text alone: their weekly digest has no chart either', async () => {
    w = await startWorld({ now: '2022-06-08T10:00' });
    const { municipalBalakovo } = w.roster.person;
    await w.register(municipalBalakovo);
    const before = w.emu.sent(tg(municipalBalakovo)).length;
    w.text(tg(municipalBalakovo), '/digest');
    await w.until(() => w.emu.sent(tg(municipalBalakovo)).slice(before).find((m) => m.text?.includes('Сводка по муниципалитету')), 'digest');
    w.text(tg(municipalBalakovo), '/help');
    await w.until(() => w.emu.sent(tg(municipalBalakovo)).slice(before).length >= 2, 'help after the digest');
    expect(w.emu.sent(tg(municipalBalakovo)).slice(before).map((m) => m.method)).toEqual(['sendMessage', 'sendMessage']);
  });
});
