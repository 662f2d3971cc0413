import { afterEach, describe, expect, it } from 'vitest';
import type { Params } from '../../src/domain/notification.js';
import { createRenderer } from '../../src/delivery/render.js';
import { CHART_COLOURS, CHART_WIDTH, chartHeight, progressPng, progressSvg } from '../../src/bot/progress-chart.js';
import { decodePng, pngColours } from '../support/png.js';
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
    // the late line's done part, its pale rest and its count
    expect(svg.match(new RegExp(`fill="(${CHART_COLOURS.lateDone}|${CHART_COLOURS.lateTrack})"`, 'g'))).toHaveLength(3);
    expect(svg).toContain('Выполнение показателей на 6 июня');
    expect(svg).toContain('Документы 1 этапа размещены и подтверждены · срок 01.06');
    expect(svg).toContain('30 из 53');
  });

  it('shows a late line with nothing done in red on the picture, where a line not yet due with nothing done stays grey', () => {
    const line = { indicator: 'Отчёт о посещении школ', done: 0, total: 53, percent: 0, week: 0, lagging: 53 };
    const counts = (due: string) => {
      const { width, height, colourAt } = pngColours(progressPng({ ...digest, lines: [{ ...line, due }] }, say));
      const seen = new Map<string, number>();
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const colour = colourAt(x, y);
          seen.set(colour, (seen.get(colour) ?? 0) + 1);
        }
      }
      return (colour: string) => seen.get(colour) ?? 0;
    };
    const late = counts('2022-06-01');
    // a bar's worth of pale red (18 px high, hundreds wide), and no grey bar
    expect(late(CHART_COLOURS.lateTrack)).toBeGreaterThan(5000);
    expect(late(CHART_COLOURS.track)).toBe(0);
    const ahead = counts('2022-06-13');
    expect(ahead(CHART_COLOURS.track)).toBeGreaterThan(5000);
    expect(ahead(CHART_COLOURS.lateTrack) + ahead(CHART_COLOURS.lateDone)).toBe(0);
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
