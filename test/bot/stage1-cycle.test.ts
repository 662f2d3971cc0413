import { afterEach, describe, expect, it } from 'vitest';
import { listNotifications } from '../../src/db/notifications.js';
import { getStatus, loadStatusEvents } from '../../src/db/statuses.js';
import { lastEditText } from '../support/bot-api-emulator.js';
import { startWorld, tg, type World } from './fixture.js';

const item = (w: World) => ({
  scheduleId: 'test-500plus',
  occurrenceKey: 'concept-docs',
  subject: { type: 'school' as const, id: w.roster.school.b1 },
});

describe('bot: stage 1 cycle', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('takes an upload from reminder through a return with a comment to confirmation, and reminders stop', async () => {
    // reminders come from the real scheduler tick and delivery worker on Redis, at the 09:30 send time
    w = await startWorld({ now: '2022-05-31T09:30', redis: true });
    const { repB1, curatorIvanova } = w.roster.person;
    await w.register(repB1, curatorIvanova);
    const welcome = w.emu.sent(tg(repB1))[0];
    expect(welcome?.text).toContain('Здравствуйте, Смирнова Анна Павловна!');
    expect(welcome?.text).toContain('представитель школы');
    expect(welcome?.text).toContain('МОУ СОШ № 1 г. Балаково');
    expect(welcome?.text).toContain('Размещение концептуальных документов');

    // the morning reminder reaches the school with its buttons
    await w.deliver();
    const reminder = w.emu.sent(tg(repB1)).at(-1);
    expect(reminder?.text).toContain('Напоминание');

    // school: «Разместили документы»
    const submitted = w.press(tg(repB1), reminder!, 'Разместили документы');
    expect(await w.answerTo(submitted)).toBe('Записано.');
    expect(getStatus(w.store, item(w))?.status).toBe('submitted');
    await expect.poll(() => lastEditText(w.emu, tg(repB1))).toContain('документы размещены, ждут проверки — Смирнова Анна Павловна');

    // the curator's confirmation request comes in the next delivery
    await w.deliver();
    const request = w.emu.sent(tg(curatorIvanova)).at(-1);
    expect(request?.text).toMatch(/: документы по пункту «.+» размещены\. Проверьте/);

    // curator: «Вернуть на доработку» → asks a comment → the school hears it at once
    const ret = w.press(tg(curatorIvanova), request!, 'Вернуть на доработку');
    await w.answerTo(ret);
    await w.until(() => w.emu.sent(tg(curatorIvanova)).some((m) => m.text?.includes('что нужно доработать')), 'comment question');
    const schoolBefore = w.emu.sent(tg(repB1)).length;
    w.text(tg(curatorIvanova), 'Нет подписи директора на программе');
    const returned = await w.until(() => w.emu.sent(tg(repB1)).slice(schoolBefore).find((m) => m.text?.includes('вернул')), 'return to school');
    expect(returned.text).toContain('Нет подписи директора на программе');
    expect(getStatus(w.store, item(w))?.status).toBe('returned');

    // school resubmits from the return message
    const again = w.press(tg(repB1), returned, 'Разместили документы');
    expect(await w.answerTo(again)).toBe('Записано.');
    expect(getStatus(w.store, item(w))?.status).toBe('submitted');

    // curator confirms from a fresh request
    w.setNow('2022-06-01T09:30');
    await w.deliver();
    const second = w.emu.sent(tg(curatorIvanova)).filter((m) => m.replyMarkup !== null).at(-1);
    const confirmed = w.press(tg(curatorIvanova), second!, 'Подтверждаю');
    expect(await w.answerTo(confirmed)).toBe('Записано.');
    expect(getStatus(w.store, item(w))?.status).toBe('confirmed');
    expect(loadStatusEvents(w.store, item(w)).map((e) => `${e.from}>${e.to}:${e.via}`)).toEqual([
      'pending>submitted:button',
      'submitted>returned:button',
      'returned>submitted:button',
      'submitted>confirmed:button',
    ]);

    // every message arrived once: the return from the bot at once, the rest from the worker; nothing about b1 waits
    const texts = w.emu.sent().map((m) => `${m.chatId}\n${m.text ?? ''}`);
    expect(new Set(texts).size).toBe(texts.length);
    // the next day's tick drops what was queued about b1 before the confirmation, and nobody hears of it
    const before = w.emu.sent().length;
    w.setNow('2022-06-02T09:30');
    await w.deliver();
    expect(w.emu.sent().slice(before).filter((m) => m.text?.includes('МОУ СОШ № 1 г. Балаково'))).toEqual([]);
    const aboutB1 = listNotifications(w.store).filter((n) => n.item?.subject.id === w.roster.school.b1);
    expect(aboutB1.filter((n) => n.kind === 'returned').map((n) => n.state)).toEqual(['sent']);
    // posted the day before the deadline: handed to the curator at once, not in the next morning's bundle
    expect(aboutB1.filter((n) => n.kind === 'confirm_handoff').map((n) => n.state)).toEqual(['sent']);
    // the 01.06 reminder was queued a day ahead, before the school posted: it was dropped, not sent
    expect(aboutB1.filter((n) => n.state !== 'sent').map((n) => `${n.kind}:${n.state}:${n.lastError}`)).toEqual([
      'overdue_supervisor:skipped:item moved on',
      'reminder:skipped:item moved on',
    ]);

    // the planner has nothing more to say about this school's item
    for (const day of ['2022-06-01T08:00', '2022-06-02T08:00', '2022-06-03T08:00', '2022-06-06T08:00']) {
      w.setNow(day);
      const aboutB1 = w.planned().filter((n) => n.item?.subject.id === w.roster.school.b1 && n.item.occurrenceKey === 'concept-docs');
      expect(aboutB1).toEqual([]);
    }
  });
});
