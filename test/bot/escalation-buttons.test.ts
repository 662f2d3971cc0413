import { afterEach, describe, expect, it } from 'vitest';
import { pendingQuestion } from '../../src/db/pending-questions.js';
import { applyTransition, getStatus } from '../../src/db/statuses.js';
import { at, STAGE1_YAML, startWorld, testSchedule, tg, type World } from './fixture.js';

const concept = (schoolId: number) => ({ scheduleId: 'test-500plus', occurrenceKey: 'concept-docs', subject: { type: 'school' as const, id: schoolId } });

describe('bot: buttons on escalations', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('leaves documents that wait for the curator to the curator: an earlier «Сделано» changes nothing, «Напомнить куратору» asks for the check', async () => {
    w = await startWorld({ now: '2022-06-03T08:00' });
    const { municipalBalakovo, curatorIvanova } = w.roster.person;
    const { b1 } = w.roster.school;
    await w.register(municipalBalakovo, curatorIvanova);
    await w.deliver();
    const prompt = w.emu.sent(tg(municipalBalakovo)).at(-1)!;
    // the school submits after the prompt went out
    applyTransition(w.store, { ...concept(b1), to: 'submitted', actorId: null, capacities: ['system'], via: 'import', requiresConfirmation: true }, at('2022-06-03T08:30'));
    const version = getStatus(w.store, concept(b1))?.version;

    expect(await w.answerTo(w.press(tg(municipalBalakovo), prompt, '1. Сделано'))).toContain('ждут проверки куратора');
    expect(getStatus(w.store, concept(b1))).toMatchObject({ status: 'submitted', version });

    const before = w.emu.sent(tg(curatorIvanova)).length;
    expect(await w.answerTo(w.press(tg(municipalBalakovo), prompt, '1. Напомнить куратору'))).toBe('Напоминание куратору отправлено.');
    const nudge = await w.until(() => w.emu.sent(tg(curatorIvanova))[before], 'nudge');
    expect(nudge.text).toContain('документы размещены и ждут вашей проверки');
  });

  it('gives the curator told of a late school «Напомнить школе», which reaches the school at once', async () => {
    w = await startWorld({ now: '2022-06-02T08:00' });
    const { curatorIvanova, repB1 } = w.roster.person;
    await w.register(curatorIvanova, repB1);
    await w.deliver();
    const told = w.emu.sent(tg(curatorIvanova)).find((m) => m.text?.includes('отметки о выполнении нет'));
    expect(told).toBeDefined();
    const before = w.emu.sent(tg(repB1)).length;
    expect(await w.answerTo(w.press(tg(curatorIvanova), told!, '1. Напомнить школе'))).toBe('Напоминание школе отправлено.');
    const nudge = await w.until(() => w.emu.sent(tg(repB1)).slice(before).find((m) => m.text?.includes('напоминает')), 'school nudge');
    expect(nudge.text).toContain('Размещение концептуальных документов');
    expect(getStatus(w.store, concept(w.roster.school.b1))).toBeNull();
  });

  it('forwards a municipal coordinator\'s «Нужна помощь» on their own item to the regional coordinator', async () => {
    const yaml = `${STAGE1_YAML}  - id: municipal-plan
    title: Муниципальный план-график
    kind: report
    when: "до 03.06.2022"
    scope: municipality
    assignee: municipal
`;
    w = await startWorld({ now: '2022-06-03T08:00', schedules: [testSchedule(yaml, 'test-500plus.yaml')] });
    const { municipalBalakovo, regionalSaratov } = w.roster.person;
    await w.register(municipalBalakovo, regionalSaratov);
    await w.deliver();
    const reminder = w.emu.sent(tg(municipalBalakovo)).find((m) => m.text?.includes('Сегодня последний день по пункту «Муниципальный план-график»'));
    expect(reminder).toBeDefined();
    // in a bundle of several items the buttons carry the item's number
    const number = /(\d+)\. Сегодня последний день по пункту «Муниципальный план-график»/.exec(reminder?.text ?? '')?.[1];
    const label = number === undefined ? 'Нужна помощь' : `${number}. Нужна помощь`;
    await w.answerTo(w.press(tg(municipalBalakovo), reminder!, label));
    const asked = await w.until(() => w.emu.sent(tg(municipalBalakovo)).find((m) => m.text?.includes('какая помощь нужна')), 'question');
    expect(asked.text).toContain('её получит региональный координатор');
    await w.until(() => pendingQuestion(w.store, municipalBalakovo)?.kind === 'help_request', 'question stored');
    w.text(tg(municipalBalakovo), 'Не успеваем согласовать план');
    const forwarded = await w.until(() => w.emu.sent(tg(regionalSaratov)).find((m) => m.text?.includes('Не успеваем согласовать план')), 'forwarded');
    expect(forwarded.text).toContain('просит помощи');
  });
});
