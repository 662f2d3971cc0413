import { DateTime } from 'luxon';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/config/clock.js';
import { createConsoleTransport } from '../../src/delivery/console-transport.js';
import type { ParamValue } from '../../src/domain/notification.js';
import { createRenderer } from '../../src/delivery/render.js';
import { progressPng } from '../../src/bot/progress-chart.js';
import { decodePng } from '../support/png.js';

const dir = mkdtempSync(join(tmpdir(), 'console-photo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const renderer = createRenderer();
const chart = (lines: ParamValue[]) => progressPng({ date: '2022-06-06', lines }, (id, params) => renderer.format(id, params));
const regional = { personId: 5, fullName: 'Петров Пётр Петрович', role: 'regional' as const, chatId: '7', zone: 'Europe/Saratov' };

describe('console transport', () => {
  it('prints recipient, their local time, text and buttons, and answers with a new message id each time', async () => {
    const printed: string[] = [];
    const transport = createConsoleTransport({
      out: (t) => printed.push(t),
      clock: fixedClock(DateTime.fromISO('2022-06-01T05:30:00Z')),
      photoDir: join(dir, 'unused'),
    });
    const to = { personId: 3, fullName: 'Иванова Мария Сергеевна', role: 'curator' as const, chatId: '42', zone: 'Asia/Kamchatka' };
    const message = { text: 'Напоминание', buttons: [[{ text: 'Готово', data: 'd:1:0' }, { text: 'Нужна помощь', data: 'h:1:0' }]] };
    expect(await transport.send(to, message)).toEqual({ messageId: 1 });
    expect(await transport.send(to, { text: 'Ещё', buttons: [] })).toEqual({ messageId: 2 });
    expect(printed[0]).toBe(
      '── Иванова Мария Сергеевна (curator) · 01.06.2022 17:30 Asia/Kamchatka · chat 42\nНапоминание\n[Готово] [Нужна помощь]\n',
    );
  });

  it('writes a photo to a file named by its recipient and picture, and prints its path before the caption', async () => {
    const printed: string[] = [];
    const transport = createConsoleTransport({ out: (t) => printed.push(t), clock: fixedClock(DateTime.fromISO('2022-06-06T05:30:00Z')), photoDir: join(dir, 'photos') });
    expect(await transport.send(regional, { text: 'График', buttons: [], photo: { bytes: chart([]), filename: 'progress-2022-06-06.png' } })).toEqual({ messageId: 1 });
    const path = join(dir, 'photos', '5-progress-2022-06-06.png');
    expect(printed[0]).toBe(`── Петров Пётр Петрович (regional) · 06.06.2022 09:30 Europe/Saratov · chat 7\nphoto: ${path}\nГрафик\n`);
    expect(decodePng(readFileSync(path))).toMatchObject({ width: 800 });
  });

  it('writes the same picture of the next dry run over the last one\'s, and of two at once one whole file', async () => {
    const photoDir = join(dir, 'again');
    const run = () => createConsoleTransport({ out: () => undefined, clock: fixedClock(DateTime.fromISO('2022-06-06T05:30:00Z')), photoDir });
    const line = { indicator: 'Показатель', due: '2022-06-01', done: 1, total: 2, percent: 50 };
    const photo = (lines: ParamValue[]) => ({ text: 'График', buttons: [], photo: { bytes: chart(lines), filename: 'progress-2022-06-06.png' } });
    await run().send(regional, photo([]));
    const [first, second] = [run(), run()];
    await Promise.all([first.send(regional, photo([line])), second.send(regional, photo([line]))]);
    expect(readdirSync(photoDir)).toEqual(['5-progress-2022-06-06.png']);
    expect(readFileSync(join(photoDir, '5-progress-2022-06-06.png'))).toEqual(Buffer.from(chart([line])));
  });
});
