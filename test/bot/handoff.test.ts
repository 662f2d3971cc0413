import { afterEach, describe, expect, it } from 'vitest';
import { listNotifications } from '../../src/db/notifications.js';
import { at, STAGE1_YAML, startWorld, testSchedule, tg, type World } from './fixture.js';

const SCHOOL_1 = 'МОУ СОШ № 1 г. Балаково';
const SCHOOL_2 = 'МОУ СОШ № 2 г. Балаково';

/** The curator's hand-off rows about a school, as `bundle state local-send-time`. */
function handoffs(w: World, schoolId: number): string[] {
  return listNotifications(w.store, { personId: w.roster.person.curatorIvanova })
    .filter((n) => n.kind === 'confirm_handoff' && n.item?.subject.id === schoolId)
    .map((n) => `${n.bundleKey.slice(n.bundleKey.indexOf('/') + 1)} ${n.state} ${at(n.sendAt).toFormat('HH:mm')}`)
    .sort();
}

describe('bot: a curator hears of a deadline-day submission in time', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('hands a submission on the due date to the curator at once, and two more within the slot in one message at its end', async () => {
    w = await startWorld({ now: '2022-06-01T09:30', redis: true });
    const { repB1, repB2, curatorIvanova } = w.roster.person;
    const { b1, b2 } = w.roster.school;
    await w.register(repB1, repB2, curatorIvanova);
    await w.deliver();
    const reminder = (personId: number) => w.emu.sent(tg(personId)).find((m) => m.text?.includes('Сегодня последний день'));

    // 10:00, the due date: the curator has it at once, from the bot, with its buttons (no tick in between)
    w.setNow('2022-06-01T10:00');
    await w.answerTo(w.press(tg(repB1), reminder(repB1)!, 'Разместили документы'));
    const first = await w.until(() => w.emu.sent(tg(curatorIvanova)).find((m) => m.text?.includes(`${SCHOOL_1}: документы`)), 'the hand-off');
    expect(first.text).toContain('не откладывая: срок — до 01.06');
    expect(JSON.stringify(first.replyMarkup)).toContain('Подтверждаю');
    await expect.poll(() => handoffs(w, b1)).toEqual(['handoff-1000 sent 10:00']);

    // 10:20: the slot's message went: the next school waits for the 10:30 message
    w.setNow('2022-06-01T10:20');
    await w.answerTo(w.press(tg(repB2), reminder(repB2)!, 'Разместили документы'));
    await expect.poll(() => handoffs(w, b2)).toEqual(['handoff-1030 planned 10:30']);

    // 10:22 the curator returns school 1's documents; 10:25 it posts them again: it joins the 10:30 message
    w.setNow('2022-06-01T10:22');
    await w.answerTo(w.press(tg(curatorIvanova), first, 'Вернуть на доработку'));
    await w.until(() => w.emu.sent(tg(curatorIvanova)).some((m) => m.text?.includes('что нужно доработать')), 'the comment question');
    w.text(tg(curatorIvanova), 'Нет подписи директора');
    const returned = await w.until(() => w.emu.sent(tg(repB1)).find((m) => m.text?.includes('вернул')), 'the return');
    w.setNow('2022-06-01T10:25');
    await w.answerTo(w.press(tg(repB1), returned, 'Разместили документы'));
    await expect.poll(() => handoffs(w, b1)).toEqual(['handoff-1000 sent 10:00', 'handoff-1030 planned 10:30']);

    const before = w.emu.sent(tg(curatorIvanova)).length;
    w.setNow('2022-06-01T10:30');
    await w.deliver();
    const slot = w.emu.sent(tg(curatorIvanova)).slice(before);
    expect(slot).toHaveLength(1);
    expect(slot[0]?.text).toContain(SCHOOL_1);
    expect(slot[0]?.text).toContain(SCHOOL_2);
    await expect.poll(() => handoffs(w, b2)).toEqual(['handoff-1030 sent 10:30']);
  });

  it('puts a submission made well before the deadline in the curator\'s next morning message', async () => {
    // a curator's own item due 20.05 gives them a 20.05 morning message: the day is closed once it went
    const curatorItem = `  - id: visit-plan
    title: План посещений школ
    kind: other
    when: "20.05.2022"
    scope: curator
    assignee: curator
`;
    w = await startWorld({ now: '2022-05-16T09:30', redis: true, schedules: [testSchedule(STAGE1_YAML + curatorItem, 'test-500plus.yaml')] });
    const { repB1, curatorIvanova } = w.roster.person;
    await w.register(repB1, curatorIvanova);
    await w.deliver();
    const opened = w.emu.sent(tg(repB1)).find((m) => JSON.stringify(m.replyMarkup).includes('Разместили документы'));
    w.setNow('2022-05-20T09:30');
    await w.deliver();

    w.setNow('2022-05-20T10:00');
    await w.answerTo(w.press(tg(repB1), opened!, 'Разместили документы'));
    await w.deliver();
    const requests = () =>
      listNotifications(w.store, { personId: curatorIvanova })
        .filter((n) => n.item?.subject.id === w.roster.school.b1)
        .map((n) => `${n.kind} ${n.bundleKey} ${n.state}`);
    expect(requests()).toEqual([`confirm_request ${curatorIvanova}@2022-05-23 queued`]);

    w.setNow('2022-05-23T09:30');
    await w.deliver();
    expect(w.emu.sent(tg(curatorIvanova)).at(-1)?.text).toContain(`${SCHOOL_1}: документы по пункту`);
    expect(requests()).toEqual([`confirm_request ${curatorIvanova}@2022-05-23 sent`]);
  });
});
