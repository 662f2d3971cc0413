import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/config/clock.js';
import { createConsoleTransport } from '../../src/delivery/console-transport.js';

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
});
