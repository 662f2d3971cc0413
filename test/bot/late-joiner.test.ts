import { afterEach, describe, expect, it } from 'vitest';
import { listNotifications, RECIPIENT_NOT_STARTED } from '../../src/db/notifications.js';
import { startWorld, testSchedule, tg, type World } from './fixture.js';

/** Ten school items due 30.05–08.06 with titles so long that a greeting listing them takes two messages. */
const LONG_ITEMS_YAML = `id: test-long
title: Тестовая дорожная карта с длинными пунктами
year: 2022
time_zone: Europe/Saratov
milestones:
${Array.from({ length: 10 }, (_, i) => `  - id: item-${i + 1}
    title: "Пункт ${i + 1}: ${'Подготовка и размещение подтверждающих документов исполненных мероприятий '.repeat(6).trim()}"
    kind: report
    when: "${String(30 + i > 31 ? i - 1 : 30 + i).padStart(2, '0')}.${30 + i > 31 ? '06' : '05'}.2022"
    scope: school
    assignee: school
`).join('')}`;

const welcomeStates = (w: World, personId: number) =>
  listNotifications(w.store, { personId }).filter((n) => n.kind === 'welcome').map((n) => n.state);

describe('bot: someone who joins late still hears today', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('greets a school that joins at 10:00 with the day\'s waiting lines and their buttons, in one message', async () => {
    w = await startWorld({ now: '2022-05-31T09:30', redis: true });
    const { repB1 } = w.roster.person;
    // 09:30: the wave goes out; the school has not opened its invite, so its bundle waits
    await w.deliver();
    const waiting = listNotifications(w.store, { personId: repB1 }).filter((n) => n.localDate === '2022-05-31');
    expect(waiting.map((n) => n.state)).toEqual(['planned']);

    w.setNow('2022-05-31T10:00');
    await w.deliver();
    await w.register(repB1);
    const [greeting, ...more] = w.emu.sent(tg(repB1));
    expect(more).toEqual([]);
    expect(greeting?.text).toMatch(/^Здравствуйте, .*\n[\s\S]*Что сделать сейчас:\n\nСегодня последний день|^Здравствуйте[\s\S]*Что сделать сейчас:\n\nНапоминание/);
    expect(JSON.stringify(greeting?.replyMarkup)).toContain('Разместили документы');
    // the message is in the chat before the bot has recorded Telegram's answer
    const today = () => listNotifications(w.store, { personId: repB1 }).filter((n) => n.localDate === '2022-05-31').map((n) => `${n.kind} ${n.state}`).sort();
    await w.until(() => today().every((row) => row.endsWith(' sent')), 'the greeting recorded as sent');
    expect(today()).toEqual(['reminder sent', 'welcome sent']);
    // the day's message has gone: the scheduler plans nothing more for it
    await w.deliver();
    expect(w.emu.sent(tg(repB1))).toHaveLength(1);
  });

  it('ends the greeting of a school that joins days ahead with its items due soon, each with its buttons', async () => {
    w = await startWorld({ now: '2022-05-20T10:00', redis: true });
    const { repB1 } = w.roster.person;
    await w.register(repB1);
    const [greeting] = w.emu.sent(tg(repB1));
    expect(greeting?.text).toContain('Что сделать сейчас:');
    expect(greeting?.text).toContain('«Размещение концептуальных документов»');
    expect(JSON.stringify(greeting?.replyMarkup)).toContain('Разместили документы');
    // a press on the greeting acts on the item like a press on a reminder
    await w.answerTo(w.press(tg(repB1), greeting!, 'Разместили документы'));
    await w.until(() => welcomeStates(w, repB1).join() === 'sent', 'the greeting recorded as sent');
  });

  it('waits out a 429 on the greeting and sends it again, rather than leave it to the worker', async () => {
    w = await startWorld({ now: '2022-05-20T10:00', redis: true });
    const { repB1 } = w.roster.person;
    w.emu.failNext(1, { code: 429, retryAfter: 1 });
    await w.register(repB1);
    expect(w.emu.rateLimited()).toBe(1);
    expect(w.emu.sent(tg(repB1)).map((m) => m.text?.slice(0, 12))).toEqual(['Здравствуйте']);
    await w.until(() => welcomeStates(w, repB1).join() === 'sent', 'the greeting recorded as sent');
  });

  it('goes on from the second part of a greeting refused there with a 429: the first part is not sent twice', async () => {
    w = await startWorld({ now: '2022-05-27T10:00', redis: true, schedules: [testSchedule(LONG_ITEMS_YAML, 'test-long.yaml')] });
    const { repB1 } = w.roster.person;
    w.emu.failNext(1, { code: 429, retryAfter: 1 }, 1);
    await w.register(repB1);
    await w.until(() => welcomeStates(w, repB1).join() === 'sent', 'the greeting recorded as sent');
    expect(w.emu.rateLimited()).toBe(1);
    const parts = w.emu.sent(tg(repB1)).map((m) => m.text ?? '');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^Здравствуйте/);
    expect(parts[1]).not.toMatch(/^Здравствуйте/);
    expect(parts[1]).toMatch(/^\d+\. Напоминание по пункту «Пункт \d+:[\s\S]*\n\n10\. Напоминание/);
  });

  it('tells a person with nothing due that nothing is due, without buttons', async () => {
    w = await startWorld({ now: '2022-03-01T10:00', redis: true });
    const { repB1 } = w.roster.person;
    await w.register(repB1);
    const [greeting] = w.emu.sent(tg(repB1));
    expect(greeting?.text).toContain('открытых вопросов нет');
    expect(greeting?.replyMarkup ?? null).toBeNull();
  });

  it('ends the rows not delivered, with the reason, when the day ends before the person joins', async () => {
    w = await startWorld({ now: '2022-05-31T09:30', redis: true });
    const { repB1 } = w.roster.person;
    await w.deliver();
    w.setNow('2022-06-01T08:00');
    await w.deliver();
    const rows = listNotifications(w.store, { personId: repB1 }).filter((n) => n.localDate === '2022-05-31');
    expect(rows.map((n) => `${n.state}: ${n.lastError}`)).toEqual([`dead: ${RECIPIENT_NOT_STARTED}`]);
    // today's bundle waits again
    expect(listNotifications(w.store, { personId: repB1 }).filter((n) => n.localDate === '2022-06-01').map((n) => n.state)).toEqual(['planned']);
  });
});
