import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRenderer, DIGEST_TEXT_LIMIT, renderBundle, RenderError, TELEGRAM_TEXT_LIMIT, TEMPLATES_DIR } from '../../src/delivery/render.js';
import { NOTIFICATION_KINDS, type PlannedNotification } from '../../src/domain/notification.js';
import { MAX_COMMENT_LENGTH } from '../../src/domain/user-text.js';
import { simulate } from '../../src/planner/simulate.js';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/planner/types.js';
import { due, milestone, schedule, window } from '../fixtures/schedule-builders.js';
import { status } from '../planner/fixtures.js';
import { buildRoster, SARATOV, SVERDLOVSK } from '../planner/roster-builder.js';

const roster = buildRoster({ regions: [SARATOV, SVERDLOVSK] });
const MEDK = { name: 'ИС МЭДК', link: 'https://500plus.obrnadzor.gov.ru/' };
const scenario = schedule(
  milestone('evidence', window('2022-05-16', '2022-06-01')),
  milestone('upload', due('2022-06-01'), { system: { name: 'ФИС ОКО', link: null } }),
  // the link as the schedule loader resolves it: the milestone's own, else its system's
  milestone('stage-1', due('2022-06-01'), { kind: 'monitoring', confirmBy: 'curator', system: MEDK, link: MEDK.link }),
  milestone('expertise', due('2022-05-20'), { kind: 'expertise', track: 'none' }),
  milestone('vks', due('2022-05-31'), { kind: 'meeting', scope: 'region', assignee: 'regional', attendees: ['regional'], at: '10:00', link: 'https://vks.example.ru/500' }),
  // a municipal coordinator's expertise of each school's documents, confirmed by the region: every grouped kind
  milestone('municipal-expertise', window('2022-05-18', '2022-06-01'), { kind: 'expertise', assignee: 'municipal', confirmBy: 'regional', system: MEDK, link: MEDK.link }),
);
const statuses = [
  status('stage-1', 1, 'returned', { comment: 'Нет подписи директора', updatedAt: '2022-05-24T11:00:00+04:00' }),
  status('stage-1', 2, 'submitted', { updatedAt: '2022-05-23T15:00:00+04:00' }),
  // on the due date: handed to the curator the same day
  status('stage-1', 6, 'submitted', { updatedAt: '2022-06-01T08:00:00+04:00' }),
  status('upload', 3, 'in_progress', { plannedDate: '2022-06-08' }),
  status('upload', 4, 'done'),
  status('municipal-expertise', 1, 'returned', { comment: 'Нет заключения', updatedAt: '2022-05-24T11:00:00+04:00' }),
  status('municipal-expertise', 3, 'submitted', { updatedAt: '2022-05-23T15:00:00+04:00' }),
  status('municipal-expertise', 5, 'in_progress', { plannedDate: '2022-06-08' }),
];
const deliveries = simulate({ from: '2022-05-16', to: '2022-06-10', schedules: [scenario], roster, statuses, settings: DEFAULT_PLANNER_SETTINGS });
const items = deliveries.flatMap((d) => d.items);

const isGrouped = (n: PlannedNotification) => n.templateId.endsWith('-group');

/** The first per-subject notification of a kind (a coordinator's grouped one when `grouped`). */
function one(kind: string, extra: (n: PlannedNotification) => boolean = () => true, grouped = false): PlannedNotification {
  const found = items.find((n) => n.kind === kind && isGrouped(n) === grouped && extra(n));
  if (!found) throw new Error(`the scenario plans no ${kind}`);
  return found;
}

describe('renderBundle', () => {
  it('quotes at most 1,000 characters of a comment someone typed, however long it is', () => {
    const text = createRenderer().format('bot-item-comment', { comment: 'x'.repeat(1_000_000) });
    expect(text.length).toBeLessThan(TELEGRAM_TEXT_LIMIT);
    expect(text).toContain(`${'x'.repeat(MAX_COMMENT_LENGTH - 1)}…`);
  });

  it('renders every kind the planner produces with the parameters it gives', () => {
    // `unreachable` is the delivery worker's own kind, `welcome` the bot's greeting (planWelcome): never in a pass
    const deliveryKinds = new Set<string>(['unreachable', 'welcome']);
    expect(new Set(items.map((n) => n.kind))).toEqual(new Set(NOTIFICATION_KINDS.filter((k) => !deliveryKinds.has(k))));
    for (const delivery of deliveries) {
      for (const message of renderBundle(delivery.items)) {
        expect(message.text).not.toMatch(/undefined|null|NaN|\{|\}/);
        expect(message.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      }
    }
  });

  it('renders a coordinator\'s item over many schools for every kind, counting the schools with Russian plurals', () => {
    const ids = [...readFileSync(join(TEMPLATES_DIR, 'items.ftl'), 'utf8').matchAll(/^([a-z-]+-group) =/gm)].map((m) => m[1]);
    expect(new Set(items.filter(isGrouped).map((n) => n.templateId))).toEqual(new Set(ids));
    const reminder = one('reminder', () => true, true);
    const text = (count: number) => renderBundle([{ ...reminder, params: { ...reminder.params, count } }])[0]?.text ?? '';
    expect(text(41)).toMatch(/^По пункту «Этап municipal-expertise» 41 школа ждёт, срок — до 01\.06\. Остал/);
    expect(text(2)).toContain('» 2 школы ждут, срок — до 01.06.');
    expect(text(5)).toContain('» 5 школ ждут, срок — до 01.06.');
    // a municipal coordinator's list is of their schools, not of municipalities
    expect(renderBundle([reminder])[0]?.buttons.flat().map((b) => [b.label, b.ref])).toEqual([
      ['Отстающие школы', null],
      ['Выгрузить XLSX', null],
    ]);
  });

  it('groups the items of one bundle into one numbered message with each item\'s buttons', () => {
    const bundle = deliveries.find((d) => d.scheduled && d.items.length >= 2 && d.items.every((n) => n.buttons.length > 0 && !isGrouped(n)));
    if (!bundle) throw new Error('the scenario has no bundle with several items');
    const [message, ...rest] = renderBundle(bundle.items);
    expect(rest).toEqual([]);
    expect(message?.text).toMatch(/^На \d+ \S+ у вас \d+ вопрос/);
    expect(message?.text).toContain('\n\n1. ');
    expect(message?.text).toContain('\n\n2. ');
    expect(message?.buttons.flat().map((b) => b.label)).toContain('2. В работе');
    expect(message?.kinds).toEqual(bundle.items.map((n) => n.kind));
  });

  it('tells the curator whose documents wait and by when, in a frame that fits any school name and title', () => {
    const [message] = renderBundle([one('confirm_reminder')]);
    expect(message?.text).toContain('Школа № 2: документы по пункту «Этап stage-1» ждут вашего решения. Подтвердите или верните их до 01.06.');
    expect(message?.buttons).toEqual([[
      { label: 'Подтверждаю', action: 'confirm', ref: one('confirm_reminder').item },
      { label: 'Вернуть на доработку', action: 'return', ref: one('confirm_reminder').item },
    ]]);
  });

  it('writes Russian plurals and both date forms', () => {
    const text = (n: PlannedNotification) => renderBundle([n])[0]?.text ?? '';
    const reminder = (days: number) => one('reminder', (n) => n.params.days === days);
    expect(text(reminder(7))).toContain('Осталось 7 дней.');
    expect(text(reminder(1))).toContain('Остался 1 день.');
    expect(text(reminder(5))).toContain('Осталось 5 дней.');
    // «до 01.06 … Срок — сегодня» read as ambiguous: the last day says so, and until when
    expect(text(reminder(0))).toContain('Сегодня последний день по пункту «Этап evidence»: срок — до конца дня 01.06.');
    // the deadline said once, with how long ago
    expect(text(one('overdue', (n) => n.params.days === 1))).toMatch(/— 1 июня — прошёл 1 день назад, отметки о выполнении нет\. Если/);
    expect(text(one('overdue', (n) => n.params.days === 1)).match(/прошёл/g)).toHaveLength(1);
    expect(text(one('status_prompt', (n) => n.params.days === 2))).toContain('Срок 01.06 прошёл 2 дня назад.');
    expect(text(one('overdue'))).toContain('1 июня');
    expect(text(reminder(7))).toContain('до 01.06');
  });

  it('writes a digest line per indicator, «N из M (P %) · срок DD.MM · +K за неделю», then the municipalities that lag most', () => {
    const digest = one('digest_regional', (n) => n.localDate === '2022-06-06' && n.params.region === 'Саратовская область');
    const [message, ...rest] = renderBundle([digest]);
    expect(rest).toEqual([]);
    const text = message?.text ?? '';
    expect(text).toMatch(/^Сводка по региону «Саратовская область» на 6 июня\n\n/);
    expect(text).toContain('\nЭтап upload: 1 из 6 (16 %) · срок 01.06 · +0 за неделю\n');
    expect(text).toContain('Больше всего просрочено:\nRU-SAR район 1 — ');
    expect(text.length).toBeLessThanOrEqual(DIGEST_TEXT_LIMIT);
    expect(message?.buttons.flat().map((b) => b.label)).toEqual(['Отстающие по муниципалитетам', 'Выгрузить XLSX', 'График выполнения']);
  });

  it('names the first five people who have not joined and counts the rest', () => {
    const digest = one('digest_regional', (n) => n.localDate === '2022-06-06' && n.params.region === 'Саратовская область');
    const names = ['Аксенова Анна', 'Белов Борис', 'Волков Вадим', 'Глебова Галина', 'Дьяков Денис'];
    const text = (count: number, shown: string[]) => renderBundle([{ ...digest, params: { ...digest.params, notJoined: { count, names: shown } } }])[0]?.text ?? '';
    expect(text(41, names)).toMatch(/\n\nНе подключились к боту: 41 — Аксенова Анна, Белов Борис, Волков Вадим, Глебова Галина, Дьяков Денис и ещё 36\.$/);
    expect(text(2, names.slice(0, 2))).toMatch(/\n\nНе подключились к боту: 2 — Аксенова Анна, Белов Борис\.$/);
    expect(text(0, [])).not.toContain('Не подключились');
  });

  it('keeps a digest to one screen however long its names, leaving off lines from the end and counting them', () => {
    const digest = one('digest_regional', (n) => n.localDate === '2022-06-06' && n.params.region === 'Саратовская область');
    const line = { indicator: 'Очень длинное название показателя для проверки длины строки сводки', due: '2022-06-01', done: 41, total: 53, percent: 77, week: 6, lagging: 12 };
    const place = { name: 'Муниципальное образование «Город с очень длинным названием, который не помещается»', items: 21, schools: 5 };
    const params = { ...digest.params, lines: Array.from({ length: 30 }, () => line), more: 2, top: Array.from({ length: 5 }, () => place) };
    const [message, ...rest] = renderBundle([{ ...digest, params }]);
    expect(rest).toEqual([]);
    expect(message?.text.length).toBeLessThanOrEqual(DIGEST_TEXT_LIMIT);
    expect(message?.text).toContain('41 из 53 (77 %) · срок 01.06 · +6 за неделю');
    const shown = (message?.text.match(/41 из 53/g) ?? []).length;
    expect(message?.text).toContain(`…и ещё ${30 - shown + 2} показателей — в XLSX.`);
  });

  it('shows a coordinator at most ten items on one screen, decisions first, the rest counted behind «Показать все»', () => {
    const base = one('status_prompt');
    const reminder = { ...one('reminder', (n) => n.recipientRole === 'municipal', true), recipientId: base.recipientId, bundleKey: base.bundleKey };
    const prompts = Array.from({ length: 40 }, (_, i) => ({ ...base, dedupeKey: `${base.dedupeKey}-${i}`, params: { ...base.params, subject: `МОУ «СОШ № ${i + 1} с углублённым изучением отдельных предметов»` } }));
    const bundle = [reminder, ...prompts];
    const [message, ...rest] = renderBundle(bundle);
    expect(rest).toEqual([]);
    expect(message?.text.length).toBeLessThanOrEqual(DIGEST_TEXT_LIMIT);
    // the coordinator's count over schools asks nothing of its own: 40 questions
    expect(message?.text).toMatch(/^На \d+ \S+ у вас 40 вопросов:/);
    expect(message?.text).not.toContain(reminder.params.title as string);
    const shown = (message?.text.match(/^\d+\. /gm) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(10);
    expect(message?.text).toContain(`Ещё ${41 - shown} вопрос`);
    expect(message?.buttons.flat().at(-1)).toEqual({ label: 'Показать все', action: 'show_all', ref: null });
    // every item goes out with the message (sent, not lost), and the press shows them all with their buttons
    expect(message?.dedupeKeys).toHaveLength(41);
    const whole = renderBundle(bundle, { whole: true });
    expect(whole.flatMap((m) => m.buttons).flat().filter((b) => b.action === 'done')).toHaveLength(40);
  });

  it('says what to do where: the action in the system on a line, its link on the next, only the place when it has no link', () => {
    const text = (n: PlannedNotification) => renderBundle([n])[0]?.text ?? '';
    const school = (kind: string, id: string) => one(kind, (n) => n.item?.occurrenceKey === id && n.recipientRole === 'school');
    expect(text(one('reminder', (n) => n.item?.occurrenceKey === 'stage-1' && n.params.days === 7))).toBe(
      'Напоминание по пункту «Этап stage-1»: срок — до 01.06. Осталось 7 дней.\nРазместите документы в ИС МЭДК.\nСсылка: https://500plus.obrnadzor.gov.ru/',
    );
    expect(text(one('reminder', (n) => n.item?.occurrenceKey === 'upload' && n.params.days === 7))).toBe(
      'Напоминание по пункту «Этап upload»: срок — до 01.06. Осталось 7 дней.\nВыполняется в ФИС ОКО.',
    );
    expect(text(one('reminder', (n) => n.item?.occurrenceKey === 'evidence' && n.params.days === 7))).toBe(
      'Напоминание по пункту «Этап evidence»: срок — до 01.06. Осталось 7 дней.',
    );
    expect(text(one('confirm_reminder'))).toMatch(/\nМуниципалитет: RU-SAR район 1\.\nДокументы — в ИС МЭДК\.\nСсылка: https:\/\/500plus\.obrnadzor\.gov\.ru\/$/);
    expect(text(school('returned', 'stage-1'))).toMatch(/\nИсправленные документы разместите в ИС МЭДК\.\nСсылка: https:\/\/500plus\.obrnadzor\.gov\.ru\/$/);
    expect(text(one('reminder', () => true, true))).toMatch(/\nРазместите документы в ИС МЭДК\.\nСсылка: https:\/\/500plus\.obrnadzor\.gov\.ru\/$/);
  });

  it('heads a day\'s message by the questions in it, and a message of a digest and events by its date alone', () => {
    const digest = one('digest_municipal');
    const event = { ...one('event'), recipientId: digest.recipientId, bundleKey: digest.bundleKey };
    expect(renderBundle([digest, event])[0]?.text).toMatch(/^На \d+ [а-я]+:\n\n1\. Сводка по муниципалитету/);
    const prompt = { ...one('status_prompt'), recipientId: digest.recipientId, bundleKey: digest.bundleKey };
    expect(renderBundle([digest, prompt, event])[0]?.text).toMatch(/^На \d+ [а-я]+ у вас 1 вопрос:\n\n1\. Сводка/);
  });

  it('gives a returned item the curator\'s comment', () => {
    expect(renderBundle([one('returned')])[0]?.text).toContain('Комментарий куратора: Нет подписи директора');
  });

  it('splits only where the 4096-character limit forces it, keeping buttons with their item', () => {
    const base = one('reminder', (n) => n.recipientRole === 'school');
    const long = Array.from({ length: 40 }, (_, i) => ({ ...base, dedupeKey: `${base.dedupeKey}-${i}`, params: { ...base.params, title: 'Очень длинное название этапа '.repeat(5) } }));
    const messages = renderBundle(long);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect([...new Set(messages.flatMap((m) => m.dedupeKeys))]).toEqual(long.map((n) => n.dedupeKey));
    const rows = base.buttons.length > 2 ? 2 : 1;
    expect(messages.flatMap((m) => m.buttons).length).toBe(long.length * rows);
    expect(messages.map((m) => m.buttons.length)).toEqual(messages.map((m) => m.dedupeKeys.length * rows));
  });
});

describe('createRenderer', () => {
  function templatesWith(change: (file: string, text: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'ftl-'));
    for (const file of readdirSync(TEMPLATES_DIR)) writeFileSync(join(dir, file), change(file, readFileSync(join(TEMPLATES_DIR, file), 'utf8')));
    return dir;
  }

  it('fails on a template that refers to a variable the planner does not give', () => {
    const dir = templatesWith((file, text) => (file === 'items.ftl' ? text.replace('returned = Куратор', 'returned = { $curatorName } Куратор') : text));
    expect(() => createRenderer(dir).renderBundle([one('returned')])).toThrow(/Unknown variable: \$curatorName/);
  });

  it('fails on a notification kind without a template', () => {
    const dir = templatesWith((file, text) => (file === 'items.ftl' ? text.replace(/^promise-reminder = .*$/m, '') : text));
    expect(() => createRenderer(dir).renderBundle([one('promise_reminder')])).toThrow(RenderError);
  });

  it('fails on a template file that does not parse, naming the file and line', () => {
    const dir = templatesWith((file, text) => (file === 'buttons.ftl' ? `${text}\nbroken = { $x ->\n[a] A\n}\n` : text));
    expect(() => createRenderer(dir)).toThrow(/buttons\.ftl:\d+: message "broken" does not parse/);
  });
});
