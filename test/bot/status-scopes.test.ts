import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { schools } from '../../src/db/schema.js';
import { applyTransition } from '../../src/db/statuses.js';
import { STAGE1_YAML, type World, at, startWorld, testSchedule, tg } from './fixture.js';

/** The stage 1 upload plus an item of every other scope, and a regional expertise of every school. */
const SCOPES_YAML = `${STAGE1_YAML}
  - id: visit-plan
    title: График посещения школ
    kind: plan_submission
    when: "06.06.2022"
    scope: curator
    assignee: curator
  - id: municipal-roadmap
    title: Муниципальная дорожная карта
    kind: plan_submission
    when: "07.06.2022"
    scope: municipality
    assignee: municipal
    confirm_by: regional
  - id: regional-report
    title: Региональный отчёт
    kind: report
    when: "08.06.2022"
    scope: region
    assignee: regional
  - id: docs-expertise
    title: Экспертиза документов школ
    kind: expertise
    when: "09.06.2022"
    scope: school
    assignee: regional
`;

describe('/status and /deadlines', () => {
  let w: World;
  afterEach(async () => w.stop());

  const reply = async (userId: number, text: string) => {
    const before = w.emu.sent(userId).length;
    w.text(userId, text);
    return (await w.until(() => w.emu.sent(userId)[before], `the reply to ${text}`)).text ?? '';
  };

  it("lists every item a person does or confirms, whatever its scope, as the planner resolves them", async () => {
    w = await startWorld({ now: '2022-06-02T08:00', schedules: [testSchedule(SCOPES_YAML, 'scopes.yaml')] });
    const { repB1, curatorIvanova, municipalBalakovo, municipalEngels, regionalSaratov } = w.roster.person;
    await w.register(repB1, curatorIvanova, municipalBalakovo, municipalEngels, regionalSaratov);
    const b2Upload = { scheduleId: 'test-500plus', occurrenceKey: 'concept-docs', subject: { type: 'school' as const, id: w.roster.school.b2 } };
    applyTransition(w.store, { ...b2Upload, to: 'submitted', actorId: null, capacities: ['system'], via: 'import', requiresConfirmation: true }, at('2022-06-01T10:00'));

    const school = await reply(tg(repB1), '/status');
    expect(school).toContain('⚠ просрочено: 01.06 — «Размещение концептуальных документов», МОУ СОШ № 1 г. Балаково: не начато');
    expect(school).not.toContain('График посещения');

    // the curator: the uploads they confirm (one waiting for them) and their own visit plan
    const curator = await reply(tg(curatorIvanova), '/status');
    expect(curator).toContain('МОУ СОШ № 2 г. Балаково: документы размещены, ждут проверки');
    expect(curator).toContain('МОУ СОШ № 1 г. Энгельса: не начато');
    expect(curator).toContain('06.06 — «График посещения школ», Иванова Мария Сергеевна: не начато');
    expect(curator).not.toContain('Муниципальная дорожная карта');

    // a municipal coordinator: their municipality's roadmap only, not the other municipality's
    const municipal = await reply(tg(municipalBalakovo), '/deadlines 10');
    expect(municipal).toContain('07.06 — «Муниципальная дорожная карта», Балаковский район: не начато');
    expect(municipal).not.toContain('Энгельсский');
    expect(municipal).not.toContain('Размещение концептуальных документов');

    // the regional coordinator: the region's report, the roadmaps they confirm, the expertise as one line
    const regional = await reply(tg(regionalSaratov), '/deadlines 10');
    expect(regional).toContain('08.06 — «Региональный отчёт», Саратовская область: не начато');
    expect(regional).toContain('07.06 — «Муниципальная дорожная карта»: не закрыто 2, ждут вашей проверки 0');
    expect(regional).toContain('09.06 — «Экспертиза документов школ»: не закрыто 3, ждут вашего ответа 3');
    expect(regional).not.toContain('Размещение концептуальных документов');

    // /deadlines leaves out what is overdue and what lies beyond its horizon
    const soon = await reply(tg(curatorIvanova), '/deadlines 3');
    expect(soon).not.toContain('01.06');
    expect(soon).not.toContain('График посещения');
    expect(await reply(tg(repB1), '/deadlines 3')).toBe('На ближайшие 3 дн. открытых вопросов нет.');
  });

  it('tells two schools of one name apart by their codes, and names a school whose name is its own plainly', async () => {
    w = await startWorld({ now: '2022-06-02T08:00', schedules: [testSchedule(SCOPES_YAML, 'scopes.yaml')] });
    const { curatorIvanova } = w.roster.person;
    w.store.db.update(schools).set({ name: 'МОУ СОШ № 1 г. Балаково' }).where(eq(schools.id, w.roster.school.b2)).run();
    await w.register(curatorIvanova);
    const text = await reply(tg(curatorIvanova), '/status');
    expect(text).toContain('01.06 — «Размещение концептуальных документов», МОУ СОШ № 1 г. Балаково (код 640001): не начато');
    expect(text).toContain('01.06 — «Размещение концептуальных документов», МОУ СОШ № 1 г. Балаково (код 640002): не начато');
    expect(text).toContain('01.06 — «Размещение концептуальных документов», МОУ СОШ № 1 г. Энгельса: не начато');
  });

  it('gives a coordinator the lagging schools of their scope after their own items', async () => {
    w = await startWorld({ now: '2022-06-03T08:00', schedules: [testSchedule(SCOPES_YAML, 'scopes.yaml')] });
    const { municipalBalakovo } = w.roster.person;
    await w.register(municipalBalakovo);
    const text = await reply(tg(municipalBalakovo), '/status');
    expect(text.indexOf('Муниципальная дорожная карта')).toBeLessThan(text.indexOf('Отстающие по муниципалитетам'));
    expect(text).toContain('Балаковский район: школ — 2, вопросов — 2');
  });
});
