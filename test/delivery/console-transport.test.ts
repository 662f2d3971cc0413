import { DateTime } from 'luxon';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/config/clock.js';
import { createConsoleTransport } from '../../src/delivery/console-transport.js';
import { createRenderer } from '../../src/delivery/render.js';
import { progressPng } from '../../src/bot/progress-chart.js';
import { decodePng } from '../support/png.js';

describe('console transport', () => {
  it('prints recipient, their local time, text and buttons, and answers with a new message id each time', async () => {
    const printed: string[] = [];
    const transport = createConsoleTransport({
      out: (t) => printed.push(t),
      clock: fixedClock(DateTime.fromISO('2022-06-01T05:30:00Z')),
    });
    const to = { personId: 3, fullName: 'Иванова Мария Сергеевна', role: 'curator' as const, chatId: '42', zone: 'Asia/Kamchatka' };
    const message = { text: 'Напоминание', buttons: [[{ text: 'Готово', data: 'd:1:0' }, { text: 'Нужна помощь', data: 'h:1:0' }]] };
    expect(await transport.send(to, message)).toEqual({ messageId: 1 });
    expect(await transport.send(to, { text: 'Ещё', buttons: [] })).toEqual({ messageId: 2 });
    expect(printed[0]).toBe(
      '── Иванова Мария Сергеевна (curator) · 01.06.2022 17:30 Asia/Kamchatka · chat 42\nНапоминание\n[Готово] [Нужна помощь]\n',
    );
  });

  it('writes a photo to a file and prints its path before the caption', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-photo-'));
    try {
      const printed: string[] = [];
      const transport = createConsoleTransport({ out: (t) => printed.push(t), clock: fixedClock(DateTime.fromISO('2022-06-06T05:30:00Z')), photoDir: join(dir, 'photos') });
      const renderer = createRenderer();
      const bytes = progressPng({ date: '2022-06-06', lines: [] }, (id, params) => renderer.format(id, params));
      const to = { personId: 1, fullName: 'Петров Пётр Петрович', role: 'regional' as const, chatId: '7', zone: 'Europe/Saratov' };
      expect(await transport.send(to, { text: 'График', buttons: [], photo: { bytes, filename: 'progress-2022-06-06.png' } })).toEqual({ messageId: 1 });
      const path = join(dir, 'photos', '1-progress-2022-06-06.png');
      expect(printed[0]).toBe(`── Петров Пётр Петрович (regional) · 06.06.2022 09:30 Europe/Saratov · chat 7\nphoto: ${path}\nГрафик\n`);
      expect(decodePng(readFileSync(path))).toMatchObject({ width: 800 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
