/**
 * The server time of a reply (issue 10 §5): `/start`, `/status`, `/deadlines` and a button press, for a school,
 * a curator, a municipal coordinator and the regional coordinator of a region of 600 schools under both 2022
 * schedules, with statuses spread over the school items (some in progress, submitted, returned, done).
 *
 * The real bot (`createBot`) is fed updates with `bot.handleUpdate`; an API transformer installed last (so it
 * runs outside the pacing and auto-retry ones) answers every outgoing call at once, without network, and
 * records it. What is timed is therefore the handlers' own work: the reads, the planning, the rendering.
 * Each reply runs `WARM_UP` times (env WARM_UP, default 5), then `RUNS` times (env RUNS, default 50); the median
 * and the 95th percentile are reported. The XLSX export is reported beside them, without the replies' target.
 */
import { DateTime } from 'luxon';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { createBot } from '../src/bot/bot.js';
import { callbackDataFor } from '../src/bot/callback-data.js';
import type { BotDeps } from '../src/bot/deps.js';
import { openStore } from '../src/db/client.js';
import { issueInvites, redeemInvite } from '../src/db/invites.js';
import { claimForSending, insertPlanned, loadAlreadyPlanned, listNotifications, markSent, type StoredNotification } from '../src/db/notifications.js';
import { listPeople } from '../src/db/people.js';
import { loadRoster } from '../src/db/roster.js';
import { getStatus, loadStatuses } from '../src/db/statuses.js';
import type { ButtonAction } from '../src/domain/notification.js';
import type { Person, PersonRole } from '../src/domain/roster.js';
import { plan } from '../src/planner/plan.js';
import { DEFAULT_PLANNER_SETTINGS } from '../src/planner/types.js';
import { importRoster } from '../src/roster/import.js';
import { loadSchedules } from '../src/schedule/load.js';
import { expandOccurrences } from '../src/schedule/occurrences.js';
import { importStatuses, statusTable } from '../src/tabular/status-import.js';
import { generateNationalRoster } from './fixtures/national-roster.js';
import { rosterCsv, seededRandom } from './fixtures/roster-rows.js';
import { report } from './report.js';

const RUNS = Number(process.env.RUNS ?? 50);
const WARM_UP = Number(process.env.WARM_UP ?? 5);
const TARGET_MS = 50;
const REGION = 'Саратовская область';
const ZONE = 'Europe/Saratov';
/** Monday before the stage 1 deadline (01.06.2022): the regional digest's day, many items due or overdue. */
const NOW = DateTime.fromISO('2022-05-30T10:00', { zone: ZONE });

const dir = mkdtempSync(join(tmpdir(), 'reply-cost-bench-'));
try {
  const store = openStore(join(dir, 'roadmap.db'));
  const csv = join(dir, 'roster.csv');
  // one region: the generator's first region renamed to Saratov, so its own roadmap applies beside the federal one
  writeFileSync(csv, rosterCsv(generateNationalRoster({ schools: 600, regions: 1 }).map((row) => ({ ...row, region: REGION }))));
  await importRoster(store.db, csv, { now: NOW.minus({ months: 4 }) });
  const schedules = loadSchedules('schedules');
  spreadStatuses(store, schedules);

  const people = pickPeople(store);
  const codes = register(store, Object.values(people));
  const roster = loadRoster(store);
  // the bundles of this day and the next three (the deadline, the escalations after it), as the worker sent
  // them: their buttons are what people press
  for (let day = 0; day < 4; day += 1) {
    const stored = insertPlanned(
      store,
      plan({ now: NOW.plus({ days: day }), schedules, roster, statuses: loadStatuses(store), alreadyPlanned: loadAlreadyPlanned(store), settings: DEFAULT_PLANNER_SETTINGS }),
    );
    const ids = stored.map((n) => n.id);
    claimForSending(store, ids, { owner: 'bench', leaseUntil: Date.now() + 60_000 });
    markSent(store, ids, 'bench', 1, NOW.plus({ days: day }).toUTC().toISO() ?? '');
  }

  const calls: string[] = [];
  const warnings: string[] = [];
  const deps: BotDeps = {
    token: '123456:BENCH-token',
    apiRoot: 'http://127.0.0.1:9',
    store,
    schedules,
    clock: { now: () => NOW },
    log: pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) }),
    config: { planner: DEFAULT_PLANNER_SETTINGS, deadlineDays: 14 },
    // never connected (a command on it fails at once): the transformer below answers before the pacing one
    pacing: { redis: new Redis({ lazyConnect: true, enableOfflineQueue: false }), prefix: 'reply-cost-bench', limits: { globalPerSec: 30, perChatMs: 1000 } },
  };
  const { bot } = createBot(deps);
  bot.api.config.use(answerAtOnce(calls));
  await bot.init();

  let updateId = 1;
  const chat = (p: Person) => ({ id: telegramId(p), type: 'private' as const, first_name: 'U' });
  const from = (p: Person) => ({ id: telegramId(p), is_bot: false, first_name: 'U' });
  const command = (p: Person, text: string): Update => ({
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(NOW.toSeconds()),
      chat: chat(p),
      from: from(p),
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }],
    },
  });
  const press = (p: Person, notification: StoredNotification, action: ButtonAction): Update => {
    const button = action === 'show_all' ? { action, ref: null } : notification.buttons.find((b) => b.action === action);
    if (button === undefined) throw new Error(`notification ${notification.id} has no ${action} button`);
    const data = callbackDataFor(button, [notification], (ref) => getStatus(store, ref)?.version ?? 0);
    return {
      update_id: updateId++,
      callback_query: {
        id: `cb${updateId}`,
        from: from(p),
        chat_instance: 'bench',
        data,
        message: {
          message_id: 1000 + notification.id,
          date: Math.floor(NOW.toSeconds()),
          chat: chat(p),
          from: { id: 777000001, is_bot: true, first_name: 'Roadmap' },
          text: 'Сообщение бота',
          reply_markup: { inline_keyboard: [[{ text: 'Кнопка', callback_data: data }]] },
        },
      },
    };
  };

  const measure = async (name: string, next: () => Update, expectCalls: string, target: string | null = `< ${TARGET_MS}`): Promise<void> => {
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + RUNS; i += 1) {
      const update = next();
      calls.length = 0;
      const started = performance.now();
      await bot.handleUpdate(update);
      const ms = performance.now() - started;
      if (warnings.length > 0) throw new Error(`${name}: the bot logged ${warnings.join('')}`);
      if (!calls.includes(expectCalls)) throw new Error(`${name}: expected a ${expectCalls}, the bot called ${calls.join(', ') || 'nothing'}`);
      if (i >= WARM_UP) times.push(ms);
    }
    times.sort((a, b) => a - b);
    report(`reply.${name}.median_ms`, quantile(times, 0.5), 'ms');
    report(`reply.${name}.p95_ms`, quantile(times, 0.95), 'ms', target ?? undefined);
  };

  for (const [role, person] of Object.entries(people)) {
    const code = codes.get(person.id) ?? '';
    await measure(`start.${role}`, () => command(person, '/start'), 'sendMessage');
    await measure(`start_invite.${role}`, () => command(person, `/start ${code}`), 'sendMessage');
    await measure(`status.${role}`, () => command(person, '/status'), 'sendMessage');
    await measure(`deadlines.${role}`, () => command(person, '/deadlines'), 'sendMessage');
  }
  // a press on each role's main button (the first of these the person got); each run presses the next of the
  // person's rows with it (a change of state while they last, then the unchanged answer), with the item's
  // current version as a freshly drawn button has
  const presses: [Exclude<PersonRole, 'admin'>, ButtonAction[]][] = [
    ['school', ['done', 'submit']],
    ['curator', ['confirm', 'remind_school', 'visited']],
    ['municipal', ['done', 'lagging_schools']],
    ['regional', ['lagging_by_municipality']],
  ];
  for (const [role, actions] of presses) {
    const person = people[role];
    const mine = listNotifications(store, { personId: person.id });
    const action = actions.find((a) => mine.some((n) => n.buttons.some((b) => b.action === a)));
    const rows = mine.filter((n) => n.buttons.some((b) => b.action === action));
    const [first] = rows;
    if (action === undefined || first === undefined) throw new Error(`${role} ${person.id} got no notification with a ${actions.join('/')} button`);
    let next = 0;
    await measure(`press.${role}`, () => press(person, rows[next++ % rows.length] ?? first, action), 'answerCallbackQuery');
  }
  const regionalDigest = listNotifications(store, { personId: people.regional.id }).find((n) => n.buttons.some((b) => b.action === 'export_xlsx'));
  // a document of every school × item: reported beside the replies, no part of the 50 ms target
  if (regionalDigest) await measure('press_export_xlsx.regional', () => press(people.regional, regionalDigest, 'export_xlsx'), 'sendDocument', null);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}

function telegramId(person: Person): number {
  return 7_000_000 + person.id;
}

/** Answers every Bot API call at once with what Telegram would, and records the method. */
function answerAtOnce(calls: string[]): Transformer {
  let messageId = 1;
  return (_prev, method, payload) => {
    calls.push(method);
    const chatId = (payload as { chat_id?: number }).chat_id ?? 0;
    const message = { message_id: messageId++, date: Math.floor(NOW.toSeconds()), chat: { id: chatId, type: 'private', first_name: 'U' }, text: '' };
    const result =
      method === 'getMe'
        ? { id: 777000001, is_bot: true, first_name: 'Roadmap', username: 'roadmap500_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false }
        : method.startsWith('send') || method.startsWith('edit')
          ? message
          : true;
    // the transformer's contract: Telegram's envelope, typed by the method the caller asked for
    return Promise.resolve({ ok: true as const, result: result as never });
  };
}

type Bench = ReturnType<typeof openStore>;

/**
 * Statuses over the school items as around the deadline: per school and item, pending (untouched), in
 * progress with a promised date, submitted, returned with a comment, or finished (confirmed where a curator
 * confirms, else done), through the real status import.
 */
function spreadStatuses(store: Bench, schedules: ReturnType<typeof loadSchedules>): void {
  const random = seededRandom(10);
  const schools = loadRoster(store).schools;
  const rows: string[] = [];
  for (const schedule of schedules) {
    const items = expandOccurrences(schedule, `${schedule.year}-01-01`, `${schedule.year}-12-31`, ZONE).filter(
      (o) => o.milestone.scope === 'school' && o.milestone.track === 'completion' && !o.continuous && o.dueDate !== null,
    );
    for (const school of schools) {
      for (const o of items) {
        const draw = random();
        const confirmed = o.milestone.confirmBy !== null;
        const line = (status: string, planned = '', comment = '') =>
          rows.push([schedule.id, o.key, 'school', school.code, status, planned, comment, REGION].join(';'));
        if (draw < 0.35) continue;
        if (draw < 0.5) line('in_progress', '15.06.2022');
        else if (draw < 0.65) line(confirmed ? 'submitted' : 'done');
        else if (draw < 0.75) line(confirmed ? 'returned' : 'in_progress', '', confirmed ? 'Нет подписи директора' : '');
        else line(confirmed ? 'confirmed' : 'done');
      }
    }
  }
  const text = ['schedule;occurrence;subject type;subject;status;planned date;comment;region', ...rows].join('\n');
  importStatuses(store, statusTable('statuses.csv', text), { schedules, now: NOW.minus({ days: 3 }), dryRun: false });
}

/** The regional coordinator, the municipal coordinator and the curator with the most schools, and a school. */
function pickPeople(store: Bench): Record<Exclude<PersonRole, 'admin'>, Person> {
  const roster = loadRoster(store);
  const count = <K>(keys: K[]) => {
    const by = new Map<K, number>();
    for (const k of keys) by.set(k, (by.get(k) ?? 0) + 1);
    return [...by.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const municipalityId = count(roster.schools.map((s) => s.municipalityId));
  const curatorId = count([...roster.curatorBySchool.values()]);
  const one = (role: PersonRole, test: (p: Person) => boolean) => {
    const found = listPeople(store, { role }).find(test);
    if (found === undefined) throw new Error(`no ${role} in the bench roster`);
    return found;
  };
  const municipal = one('municipal', (p) => p.municipalityId === municipalityId);
  return {
    regional: one('regional', () => true),
    municipal,
    curator: one('curator', (p) => p.id === curatorId),
    school: one('school', (p) => p.municipalityId === municipal.municipalityId),
  };
}

/** Binds each person to a Telegram account through a real invite; returns their codes. */
function register(store: Bench, people: Person[]): Map<number, string> {
  const codes = new Map<number, string>();
  for (const invite of issueInvites(store, people.map((p) => p.id), { now: NOW.minus({ days: 7 }), ttlDays: 30 })) {
    const person = people.find((p) => p.id === invite.personId);
    if (person === undefined) continue;
    const outcome = redeemInvite(store, invite.code, String(telegramId(person)), String(telegramId(person)), NOW.minus({ days: 6 }));
    if (outcome.outcome !== 'bound') throw new Error(`invite of person ${person.id}: ${outcome.outcome}`);
    codes.set(person.id, invite.code);
  }
  return codes;
}
