import { afterEach, describe, expect, it } from 'vitest';
import { itemToken, packSnoozeChoice } from '../../src/bot/callback-data.js';
import { getStatus } from '../../src/db/statuses.js';
import type { PlannedNotification } from '../../src/domain/notification.js';
import { lastEditText, type SentMessage } from '../support/bot-api-emulator.js';
import { STAGE1_YAML, startWorld, testSchedule, tg, type World } from './fixture.js';

/** The stage 1 upload (due 01.06) and two more school plans, each with a reminder on Friday 03.06. */
const TWO_PLANS_YAML = `${STAGE1_YAML}
  - id: plan-a
    title: План А
    kind: plan_submission
    when: "07.06.2022"
    scope: school
    assignee: school
    confirm_by: curator
  - id: plan-b
    title: План Б
    kind: plan_submission
    when: "08.06.2022"
    scope: school
    assignee: school
    confirm_by: curator
`;

/** One school plan due on Friday 03.06. */
const FRIDAY_PLAN_YAML = `${STAGE1_YAML}
  - id: plan-c
    title: План В
    kind: plan_submission
    when: "03.06.2022"
    scope: school
    assignee: school
`;

const B1 = 'МОУ СОШ № 1 г. Балаково';

describe('/snooze', () => {
  let w: World;
  afterEach(async () => w.stop());

  const itemOf = (occurrenceKey: string) => ({ scheduleId: 'test-500plus', occurrenceKey, subject: { type: 'school' as const, id: w.roster.school.b1 } });

  const reply = async (userId: number, text: string): Promise<SentMessage> => {
    const before = w.emu.sent(userId).length;
    w.text(userId, text);
    return w.until(() => w.emu.sent(userId)[before], `the reply to ${text}`);
  };

  const labels = (message: SentMessage) =>
    (message.replyMarkup as { inline_keyboard: { text: string }[][] } | null)?.inline_keyboard.flat().map((b) => b.text) ?? [];

  const lastEdit = (userId: number) => lastEditText(w.emu, userId);

  /** What the planner would send on `iso` about one of B1's items: the kinds and their recipients. */
  const plannedAbout = (iso: string, occurrenceKey: string): Pick<PlannedNotification, 'kind' | 'recipientId'>[] => {
    w.setNow(iso);
    return w
      .planned()
      .filter((n) => n.item?.occurrenceKey === occurrenceKey && n.item.subject.id === w.roster.school.b1)
      .map(({ kind, recipientId }) => ({ kind, recipientId }));
  };

  it("lets a school pick one of two items: only that item's reminders pause for a working day, escalations go on", async () => {
    w = await startWorld({ now: '2022-06-02T08:00', schedules: [testSchedule(TWO_PLANS_YAML, 'two-plans.yaml')] });
    const { repB1, municipalBalakovo } = w.roster.person;
    await w.register(repB1);

    // the overdue upload cannot be snoozed any more; both plans can, soonest first
    const list = await reply(tg(repB1), '/snooze');
    expect(list.text).toMatch(/^Напоминания по какому вопросу отложить/);
    expect(labels(list)).toEqual([`07.06 — «План А», ${B1}`, `08.06 — «План Б», ${B1}`]);

    expect(await w.answerTo(w.press(tg(repB1), list, `07.06 — «План А», ${B1}`))).toBe('Записано.');
    expect(getStatus(w.store, itemOf('plan-a'))?.snoozedUntil).toBe('2022-06-06');
    expect(getStatus(w.store, itemOf('plan-b'))).toBeNull();
    // the list is replaced by the outcome once the press is answered (the edit follows the answer)
    await expect.poll(() => lastEdit(tg(repB1))).toBe(`«План А», ${B1}: напоминания отложены до 06.06. Эскалации по сроку не откладываются.`);

    // Friday: plan A's reminder is not planned, plan B's is, and the overdue upload still escalates
    expect(plannedAbout('2022-06-03T08:00', 'plan-a')).toEqual([]);
    expect(plannedAbout('2022-06-03T08:00', 'plan-b')).toEqual([{ kind: 'reminder', recipientId: repB1 }]);
    expect(plannedAbout('2022-06-03T08:00', 'concept-docs')).toContainEqual({ kind: 'status_prompt', recipientId: municipalBalakovo });
    // Monday the reminders resume; after the deadline plan A escalates as if never snoozed
    expect(plannedAbout('2022-06-06T08:00', 'plan-a')).toEqual([{ kind: 'reminder', recipientId: repB1 }]);
    expect(plannedAbout('2022-06-08T08:00', 'plan-a').map((n) => n.kind)).toContain('overdue');
  });

  it("refuses a forged choice and another person's choice; a replayed or a late one changes nothing", async () => {
    w = await startWorld({ now: '2022-06-02T08:00', schedules: [testSchedule(TWO_PLANS_YAML, 'two-plans.yaml')] });
    const { repB1, repB2, curatorIvanova } = w.roster.person;
    await w.register(repB1, repB2, curatorIvanova);
    const list = await reply(tg(repB1), '/snooze');
    const planA = packSnoozeChoice({ itemToken: itemToken(itemOf('plan-a')), snoozedUntil: null });
    expect((list.replyMarkup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]?.[0]?.callback_data).toBe(planA);

    // another school, and the curator who confirms B1's plans but is not reminded of them
    expect(await w.answerTo(w.pressData(tg(repB2), list, planA))).toContain('не к вашим школам');
    expect(await w.answerTo(w.pressData(tg(curatorIvanova), list, planA))).toContain('не к вашим школам');
    // forged: a well-formed token of no item, a snooze date the item never had, garbage
    expect(await w.answerTo(w.pressData(tg(repB1), list, packSnoozeChoice({ itemToken: '0123456789ab', snoozedUntil: null })))).toContain('не к вашим школам');
    expect(await w.answerTo(w.pressData(tg(repB1), list, packSnoozeChoice({ itemToken: itemToken(itemOf('plan-a')), snoozedUntil: '2022-06-30' })))).toContain('не распознана');
    expect(await w.answerTo(w.pressData(tg(repB1), list, 'z:plan-a:0'))).toContain('не распознана');
    expect(getStatus(w.store, itemOf('plan-a'))).toBeNull();
    expect(w.emu.requests().some((r) => r.method === 'editMessageText')).toBe(false);

    // the owner's press counts once: the same button again finds the snooze already there
    expect(await w.answerTo(w.pressData(tg(repB1), list, planA))).toBe('Записано.');
    expect(await w.answerTo(w.pressData(tg(repB1), list, planA))).toContain('уже отмечено');
    expect(getStatus(w.store, itemOf('plan-a'))?.snoozedUntil).toBe('2022-06-06');
    await expect.poll(() => lastEdit(tg(repB1))).toContain('напоминания уже отложены до 06.06');

    // the list kept until the day before plan B's deadline: its last reminder cannot be silenced
    w.setNow('2022-06-07T08:00');
    expect(await w.answerTo(w.press(tg(repB1), list, `08.06 — «План Б», ${B1}`))).toContain('недоступно');
    expect(getStatus(w.store, itemOf('plan-b'))).toBeNull();
    await expect.poll(() => lastEdit(tg(repB1))).toBe(`«План Б», ${B1}: отложить больше нельзя — срок 08.06, напоминание перед ним придёт.`);
  });

  it('snoozes the only snoozable item at once, never past the last working day before its deadline', async () => {
    w = await startWorld({ now: '2022-06-01T08:00', schedules: [testSchedule(FRIDAY_PLAN_YAML, 'friday-plan.yaml')] });
    const { repB1 } = w.roster.person;
    await w.register(repB1);

    // Thursday's reminder is silenced; the next working day would be Monday, past Friday's deadline
    const direct = await reply(tg(repB1), '/snooze');
    expect(direct.text).toBe(`Отложить можно только этот вопрос, поэтому он отложен сразу. «План В», ${B1}: напоминания отложены до 03.06. Эскалации по сроку не откладываются.`);
    expect(direct.replyMarkup ?? null).toBeNull();
    expect(getStatus(w.store, itemOf('plan-c'))?.snoozedUntil).toBe('2022-06-03');

    // a second /snooze has nothing left to silence, and the deadline's own reminder is still planned
    expect((await reply(tg(repB1), '/snooze')).text).toMatch(/^Откладывать нечего/);
    expect(getStatus(w.store, itemOf('plan-c'))?.snoozedUntil).toBe('2022-06-03');
    expect(plannedAbout('2022-06-02T08:00', 'plan-c')).toEqual([]);
    expect(plannedAbout('2022-06-03T08:00', 'plan-c')).toEqual([{ kind: 'reminder', recipientId: repB1 }]);
  });
});
