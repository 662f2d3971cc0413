import { afterEach, describe, expect, it } from 'vitest';
import { packCallbackData } from '../../src/bot/callback-data.js';
import { issueInvites } from '../../src/db/invites.js';
import { getStatus, loadStatusEvents } from '../../src/db/statuses.js';
import { lastEditText } from '../support/bot-api-emulator.js';
import { startWorld, tg, type World } from './fixture.js';

const b1Item = (w: World) => ({ scheduleId: 'test-500plus', occurrenceKey: 'concept-docs', subject: { type: 'school' as const, id: w.roster.school.b1 } });

describe('bot: hostile and concurrent presses', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('refuses forged data, another curator, a replayed button and a stranger, and counts two simultaneous presses once', async () => {
    // 09:00, inside the window: the school's submission (the day before the deadline) reaches the curator at once
    w = await startWorld({ now: '2022-05-31T09:00' });
    const { repB1, curatorIvanova, curatorPetrov, municipalBalakovo } = w.roster.person;
    await w.register(repB1, curatorIvanova, curatorPetrov, municipalBalakovo);
    await w.deliver();
    const reminder = w.emu.sent(tg(repB1)).at(-1)!;

    // forged: garbage, and a well-formed reference to a notification that does not exist
    expect(await w.answerTo(w.pressData(tg(repB1), reminder, 'confirm:everything'))).toContain('не распознана');
    expect(await w.answerTo(w.pressData(tg(repB1), reminder, packCallbackData({ action: 'confirm', notificationId: 99999, version: 0 })))).toContain('не распознана');
    // a real notification, an action it does not carry (a school confirming itself)
    const markup = reminder.replyMarkup as { inline_keyboard: { callback_data: string }[][] };
    const submitData = markup.inline_keyboard.flat()[0]!.callback_data;
    const notificationId = Number.parseInt(submitData.split(':')[1]!, 36);
    expect(await w.answerTo(w.pressData(tg(repB1), reminder, packCallbackData({ action: 'confirm', notificationId, version: 0 })))).toContain('не распознана');
    // another curator (Kamchatka) pressing the school's button
    expect(await w.answerTo(w.pressData(tg(curatorPetrov), reminder, submitData))).toContain('не к вашим школам');
    // a stranger
    expect(await w.answerTo(w.pressData(4242, reminder, submitData))).toContain('не зарегистрированы');
    expect(getStatus(w.store, b1Item(w))).toBeNull();

    // two presses at once on the same button: one change, one "already"
    const first = w.pressData(tg(repB1), reminder, submitData);
    const second = w.pressData(tg(repB1), reminder, submitData);
    const answers = [await w.answerTo(first), await w.answerTo(second)];
    expect(answers.filter((a) => a === 'Записано.')).toHaveLength(1);
    expect(loadStatusEvents(w.store, b1Item(w))).toHaveLength(1);

    // the curator returns; the school's old reminder button (drawn for version 0) is now stale
    await w.deliver();
    const request = w.emu.sent(tg(curatorIvanova)).at(-1)!;
    w.press(tg(curatorIvanova), request, 'Вернуть на доработку');
    await w.until(() => w.emu.sent(tg(curatorIvanova)).some((m) => m.text?.includes('что нужно доработать')), 'question');
    w.text(tg(curatorIvanova), 'Добавьте протокол');
    await w.until(() => getStatus(w.store, b1Item(w))?.status === 'returned', 'return');
    const replay = await w.answerTo(w.pressData(tg(repB1), reminder, submitData));
    expect(replay).toContain('Статус уже изменился');
    expect(getStatus(w.store, b1Item(w))?.status).toBe('returned');
    // the bot answers a stale press first, then edits the message to show the current state
    await expect.poll(() => lastEditText(w.emu, tg(repB1))).toContain('возвращено на доработку — Иванова Мария Сергеевна');

    // a stranger's commands and /start show nothing but how to get an invite
    w.text(4243, '/status');
    w.text(4243, '/start');
    const strangerReplies = await w.until(() => (w.emu.sent(4243).length === 2 ? w.emu.sent(4243) : null), 'stranger replies');
    for (const m of strangerReplies) expect(m.text).toMatch(/^Этот бот работает только для участников/);
  });

  it('answers an invite used twice, an unknown and an expired code without revealing anyone', async () => {
    w = await startWorld({ now: '2022-05-31T08:00' });
    const [invite] = issueInvites(w.store, [w.roster.person.repB2], { now: w.deps.clock.now(), ttlDays: 30 });
    const [old] = issueInvites(w.store, [w.roster.person.repK1], { now: w.deps.clock.now().minus({ days: 40 }), ttlDays: 30 });
    w.text(7001, `/start ${invite!.code}`);
    await w.until(() => w.emu.sent(7001)[0], 'first redemption');
    w.text(7002, `/start ${invite!.code}`);
    w.text(7003, '/start AAAAAAAAAAAAAAAAAAAAAA');
    w.text(7004, `/start ${old!.code}`);
    const [used, unknown, expired] = await Promise.all([7002, 7003, 7004].map((id) => w.until(() => w.emu.sent(id)[0], `reply to ${id}`)));
    expect(w.emu.sent(7001)[0]?.text).toContain('Кузнецов Олег Иванович');
    expect(used?.text).toContain('уже использована');
    expect(unknown?.text).toContain('не подошла');
    expect(expired?.text).toContain('истёк');
    for (const m of [used, unknown, expired]) expect(m?.text).not.toMatch(/Кузнецов|Лебедева|СОШ/);
    // the role's menu is set for the registered chat only
    const menus = w.emu.requests().filter((r) => r.method === 'setMyCommands' && (r.params.scope as { chat_id?: number } | undefined)?.chat_id !== undefined);
    expect(menus.map((r) => (r.params.scope as { chat_id: number }).chat_id)).toEqual([7001]);
  });
});
