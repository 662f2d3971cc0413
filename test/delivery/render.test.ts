import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRenderer, renderBundle, RenderError, TELEGRAM_TEXT_LIMIT, TEMPLATES_DIR } from '../../src/delivery/render.js';
import { NOTIFICATION_KINDS, type PlannedNotification } from '../../src/domain/notification.js';
import { simulate } from '../../src/planner/simulate.js';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/planner/types.js';
import { due, milestone, schedule, window } from '../fixtures/schedule-builders.js';
import { status } from '../planner/fixtures.js';
import { buildRoster, SARATOV, SVERDLOVSK } from '../planner/roster-builder.js';

const roster = buildRoster({ regions: [SARATOV, SVERDLOVSK] });
const scenario = schedule(
  milestone('evidence', window('2022-05-16', '2022-06-01')),
  milestone('upload', due('2022-06-01')),
  milestone('stage-1', due('2022-06-01'), { kind: 'monitoring', confirmBy: 'curator' }),
  milestone('expertise', due('2022-05-20'), { kind: 'expertise', track: 'none' }),
  milestone('vks', due('2022-05-31'), { kind: 'meeting', scope: 'region', assignee: 'regional', attendees: ['regional'], at: '10:00', link: 'https://vks.example.ru/500' }),
  // a municipal coordinator's expertise of each school's documents, confirmed by the region: every grouped kind
  milestone('municipal-expertise', window('2022-05-18', '2022-06-01'), { kind: 'expertise', assignee: 'municipal', confirmBy: 'regional' }),
);
const statuses = [
  status('stage-1', 1, 'returned', { comment: 'Нет подписи директора', updatedAt: '2022-05-24T11:00:00+04:00' }),
  status('stage-1', 2, 'submitted', { updatedAt: '2022-05-23T15:00:00+04:00' }),
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
  it('renders every kind the planner produces with the parameters it gives', () => {
    // `unreachable` is the delivery worker's own kind, never planned
    const deliveryKinds = new Set<string>(['unreachable']);
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
    expect(text(41)).toMatch(/^Этап municipal-expertise: 41 школа ждёт, срок 01\.06\. Остал/);
    expect(text(2)).toContain(': 2 школы ждут, срок 01.06.');
    expect(text(5)).toContain(': 5 школ ждут, срок 01.06.');
    expect(renderBundle([reminder])[0]?.buttons.flat().map((b) => [b.label, b.ref])).toEqual([
      ['Отстающие по муниципалитетам', null],
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

  it('says the curator\'s nudge the way the roadmap does: «подтвердите документы школы … до 01.06»', () => {
    const [message] = renderBundle([one('confirm_reminder')]);
    expect(message?.text).toContain('Подтвердите документы школы Школа № 2 до 01.06');
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
    expect(text(reminder(0))).toContain('Срок — сегодня.');
    expect(text(one('overdue', (n) => n.params.days === 1))).toContain('Срок прошёл 1 день назад.');
    expect(text(one('status_prompt', (n) => n.params.days === 2))).toContain('Срок прошёл 2 дня назад.');
    expect(text(one('overdue'))).toContain('1 июня');
    expect(text(reminder(7))).toContain('до 01.06');
  });

  it('writes the digest indicator as «kpi: N из M (P %)» and lists lagging schools by municipality', () => {
    const digest = one('digest_regional', (n) => n.localDate === '2022-06-06' && n.params.region === 'Саратовская область');
    const text = renderBundle([digest])[0]?.text ?? '';
    expect(text).toContain('Доля ОО, выполнивших upload: 1 из 6 (17 %).');
    expect(text).toContain('RU-SAR район 1: Школа № 1, Школа № 2');
    expect(text).toContain('Школа № 3 (обещают к 08.06)');
  });

  it('gives a returned item the curator\'s comment', () => {
    expect(renderBundle([one('returned')])[0]?.text).toContain('Комментарий куратора: Нет подписи директора');
  });

  it('splits only where the 4096-character limit forces it, keeping buttons with their item', () => {
    const base = one('status_prompt');
    const long = Array.from({ length: 40 }, (_, i) => ({ ...base, dedupeKey: `${base.dedupeKey}-${i}`, params: { ...base.params, title: 'Очень длинное название этапа '.repeat(5) } }));
    const messages = renderBundle(long);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect([...new Set(messages.flatMap((m) => m.dedupeKeys))]).toEqual(long.map((n) => n.dedupeKey));
    expect(messages.flatMap((m) => m.buttons).length).toBe(long.length * 2);
    expect(messages.map((m) => m.buttons.length)).toEqual(messages.map((m) => m.dedupeKeys.length * 2));
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
