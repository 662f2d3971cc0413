/**
 * Golden files: every message template as people read it, one file per template under test/delivery/golden/,
 * rendered from what the planner plans for the demo year (the demo roster and statuses, both 2022 schedules)
 * with a school named at full official length. Each file shows the deadline wording at 1, 2, 5 and 21 days
 * and a coordinator's grouped item over 1, 2, 5 and 21 schools (Аркадакский район has one school), with the
 * buttons under each. A change of wording shows up as a diff of these files; review it, then
 * `npx vitest run test/delivery/golden.test.ts -u` to accept it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/client.js';
import { loadRoster } from '../../src/db/roster.js';
import { loadStatuses } from '../../src/db/statuses.js';
import { createRenderer, type RenderedMessage, TEMPLATES_DIR } from '../../src/delivery/render.js';
import { unreachableNotices } from '../../src/delivery/unreachable.js';
import type { PlannedNotification } from '../../src/domain/notification.js';
import type { Roster } from '../../src/domain/roster.js';
import { simulate } from '../../src/planner/simulate.js';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/planner/types.js';
import { planWelcome } from '../../src/planner/welcome.js';
import { importRoster } from '../../src/roster/import.js';
import { loadSchedules } from '../../src/schedule/load.js';
import { importStatuses, readStatusFile } from '../../src/tabular/status-import.js';
import { due, milestone, schedule, window } from '../fixtures/schedule-builders.js';
import { status } from '../planner/fixtures.js';

/** As the school's charter names it: the longest kind of name a message must carry. */
const LONG_NAME =
  'Муниципальное общеобразовательное учреждение «Средняя общеобразовательная школа с. Покровское Аркадакского района Саратовской области имени Героя Советского Союза А. П. Маресьева»';
const DAYS = [1, 2, 5, 21];
const COUNTS = [1, 2, 5, 21];

const renderer = createRenderer();
const schedules = loadSchedules('schedules');
const MEDK = { name: 'ИС МЭДК', link: 'https://500plus.obrnadzor.gov.ru/' };
/**
 * What the 2022 schedules never ask, so that every template has its file: a municipal expertise the regional
 * coordinator confirms (the grouped confirm, return and promise kinds) and school documents handed in on the
 * deadline day (the curator's hand-off).
 */
const extra = schedule(
  milestone('municipal-expertise', window('2022-05-16', '2022-05-24'), {
    title: 'Муниципальная экспертиза подтверждающих документов 1 этапа',
    kind: 'expertise',
    assignee: 'municipal',
    confirmBy: 'regional',
    system: MEDK,
    link: MEDK.link,
  }),
  milestone('visit-plan', due('2022-05-27'), { title: 'Размещение плана-графика выездов куратора в ОО', confirmBy: 'curator', system: MEDK, link: MEDK.link }),
);
let store: Store;
let roster: Roster;
let planned: PlannedNotification[];
/** What the extra milestones plan, apart: they would show in the digests of the real schedules. */
let plannedExtra: PlannedNotification[];

beforeAll(async () => {
  store = openStore(':memory:');
  const now = DateTime.fromISO('2022-05-20T10:00:00+04:00');
  await importRoster(store.db, 'data/demo/roster.csv', { now });
  store.sqlite.prepare('update schools set name = ? where code = ?').run(LONG_NAME, 'sch640001');
  importStatuses(store, await readStatusFile('data/demo/statuses.csv'), { schedules, now, dryRun: false });
  roster = loadRoster(store);
  const settings = { ...DEFAULT_PLANNER_SETTINGS, trackingSince: '2022-01-10' };
  planned = simulate({ from: '2022-01-10', to: '2022-12-30', schedules, roster, statuses: loadStatuses(store), settings }).flatMap((d) => d.items);
  const school = (code: string) => roster.schools.find((s) => s.code === code)?.id ?? 0;
  // Балаковский район's schools (sch640003, sch640004 and on) and the long-named school of Аркадакский район
  const statuses = [
    status('municipal-expertise', school('sch640003'), 'returned', { comment: 'Нет заключения по разделу 2', updatedAt: '2022-05-18T11:00:00+04:00' }),
    status('municipal-expertise', school('sch640004'), 'submitted', { updatedAt: '2022-05-18T12:00:00+04:00' }),
    status('municipal-expertise', school('sch640005'), 'in_progress', { plannedDate: '2022-05-23', updatedAt: '2022-05-18T13:00:00+04:00' }),
    status('visit-plan', school('sch640001'), 'submitted', { updatedAt: '2022-05-27T08:00:00+04:00' }),
  ];
  plannedExtra = simulate({ from: '2022-05-16', to: '2022-06-10', schedules: [extra], roster, statuses, settings }).flatMap((d) => d.items);
}, 120_000);
afterAll(() => store.close());

/** The message templates: every top-level id of the files notifications are rendered from. */
function templateIds(): string[] {
  const files = ['items.ftl', 'digests.ftl', 'delivery.ftl'];
  const ids = files.flatMap((f) => [...readFileSync(join(TEMPLATES_DIR, f), 'utf8').matchAll(/^([a-z][a-z0-9-]*) =/gm)].map((m) => m[1] ?? ''));
  // parts other templates are built from, never a message's own template
  return ids.filter((id) => !/^(item-|digest-(line|more|no-lines|no-deadlines|top-|unreachable|not-joined|person)|items-count|chart-)/.test(id));
}

function shown(message: RenderedMessage): string {
  const rows = message.buttons.map((row) => `[${row.map((b) => b.label).join('] [')}]`);
  return [message.text, ...rows].join('\n');
}

/** One notification alone, as its recipient's message would show it. */
function render(n: PlannedNotification): string {
  return renderer.renderBundle([n]).map(shown).join('\n--- next message ---\n');
}

/** The Monday of the demo week (`npm run demo`): the weekly digests of the stage 1 deadline. */
const DEMO_MONDAY = '2022-06-06';

/**
 * The notification a template's file shows: a digest of the demo Monday in Saratov, else the first of the
 * year about the school with the long name, else about a one-school municipality, else the first.
 */
function first(templateId: string): PlannedNotification | undefined {
  const real = planned.filter((n) => n.templateId === templateId);
  const of = real.length > 0 ? real : plannedExtra.filter((n) => n.templateId === templateId);
  if (templateId.startsWith('digest-')) return of.find((n) => n.localDate === DEMO_MONDAY && n.zone === 'Europe/Saratov');
  return of.find((n) => n.params.subject === LONG_NAME) ?? of.find((n) => n.params.count === 1) ?? of[0];
}

/**
 * The golden text of a template: the planned notification, then its wording at other deadline distances
 * and school counts, where the template says them.
 */
function golden(templateId: string, n: PlannedNotification): string {
  const own = render(n);
  const parts = [`# ${templateId}: ${n.recipientRole}, ${n.localDate}`, own];
  const variants = (heading: (v: number) => string, values: number[], param: string) => {
    const texts = values.map((v) => render({ ...n, params: { ...n.params, [param]: v } }));
    if (texts.every((t) => t === own)) return;
    values.forEach((v, i) => parts.push(heading(v), texts[i] ?? ''));
  };
  const { days, timing, count } = n.params;
  if (typeof days === 'number' && typeof timing === 'string' && timing !== 'today') variants((d) => `## days: ${d} (${timing})`, DAYS, 'days');
  if (typeof count === 'number') variants((c) => `## count: ${c}`, COUNTS, 'count');
  return `${parts.join('\n\n')}\n`;
}

describe('golden files: every message template with realistic values', () => {
  it('plans or builds a message of every template the notifications use', () => {
    const covered = new Set([...planned, ...plannedExtra].map((n) => n.templateId).concat(['unreachable', 'welcome']));
    expect(templateIds().filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(templateIds().filter((id) => id !== 'unreachable'))('renders %s as its golden file', async (templateId) => {
    const n = first(templateId);
    expect(n, `the demo year plans no ${templateId}`).toBeDefined();
    if (n === undefined) return;
    await expect(golden(templateId, n)).toMatchFileSnapshot(`golden/${templateId}.txt`);
  });

  it('renders the notice of a school representative who blocked the bot as its golden file', async () => {
    const school = roster.schools.find((s) => s.name === LONG_NAME);
    const person = roster.people.find((p) => p.role === 'school' && p.schoolId === school?.id);
    expect(person).toBeDefined();
    if (person === undefined) return;
    // the curator above has the bot: that is whom the notice goes to
    store.sqlite.prepare("update people set chat_id = cast(id as text) where role <> 'school'").run();
    const notices = unreachableNotices(store, person, DateTime.fromISO('2022-05-23T10:00:00+04:00'));
    expect(notices.length).toBeGreaterThan(0);
    const text = notices.map((n) => `# unreachable: ${n.recipientRole}\n\n${render(n)}`).join('\n\n');
    await expect(`${text}\n`).toMatchFileSnapshot('golden/unreachable.txt');
  });

  it('renders a newcomer\'s greeting with items to act on as its golden file', async () => {
    const nudge = plannedExtra.find((n) => n.recipientRole === 'curator' && n.kind === 'confirm_reminder' && n.params.subject === LONG_NAME);
    const curator = roster.people.find((p) => p.id === nudge?.recipientId);
    expect(curator).toBeDefined();
    if (nudge === undefined || curator === undefined) return;
    const items = plannedExtra
      .filter((n) => n.recipientId === curator.id && n.localDate === nudge.localDate && n.item !== null && n.kind === 'confirm_reminder')
      .flatMap((n) => {
        const milestone = extra.milestones.find((m) => n.item?.occurrenceKey.startsWith(m.id));
        const { subject, due: dueOn } = n.params;
        if (milestone === undefined || n.item === null || typeof subject !== 'string' || typeof dueOn !== 'string') return [];
        return [{ milestone, ref: n.item, subjectName: subject, subjectCode: null, due: dueOn, status: 'submitted' as const, capacity: 'confirmer' as const }];
      });
    expect(items.length).toBeGreaterThan(0);
    const schools = roster.schools.filter((s) => roster.curatorBySchool.get(s.id) === curator.id).map((s) => s.name);
    const welcome = planWelcome({
      person: curator,
      zone: 'Europe/Saratov',
      now: DateTime.fromISO(`${nudge.localDate}T10:00:00`, { zone: 'Europe/Saratov' }),
      bundleKey: `${curator.id}@${nudge.localDate}/welcome`,
      days: 14,
      intro: { name: curator.fullName, role: 'curator', region: 'Саратовская область', municipality: '', schools: schools.join(', '), count: schools.length },
      items,
      inBundle: new Set(),
    });
    await expect(`# welcome: curator, ${nudge.localDate}\n\n${renderer.renderBundle(welcome).map(shown).join('\n')}\n`).toMatchFileSnapshot('golden/welcome.txt');
  });

  it('keeps no golden file of a template that is gone', () => {
    const files = readdirSync(join(import.meta.dirname, 'golden')).map((f) => f.replace(/\.txt$/, ''));
    expect(files.filter((f) => !templateIds().includes(f) && f !== 'welcome')).toEqual([]);
  });
});
