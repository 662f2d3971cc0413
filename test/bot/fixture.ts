/**
 * The bot tests' world: a small roster (D's fixture), one stage 1 schedule with a curator's confirmation,
 * a clock the test moves, and helpers to plan and deliver notifications the way production does.
 */
import { DateTime } from 'luxon';
import pino from 'pino';
import { inject } from 'vitest';
import type { BotDeps } from '../../src/bot/deps.js';
import { type RunningBot, startBot } from '../../src/bot/launch.js';
import { createTelegramRender } from '../../src/bot/telegram-render.js';
import type { Clock } from '../../src/config/clock.js';
import { openStore, type Store } from '../../src/db/client.js';
import { issueInvites } from '../../src/db/invites.js';
import {
  IN_FLIGHT_STATES,
  insertPlanned,
  listNotifications,
  type NotificationState,
  SENDABLE_STATES,
  type StoredNotification
} from '../../src/db/notifications.js';
import { getPerson } from '../../src/db/people.js';
import { loadRoster } from '../../src/db/roster.js';
import { loadStatuses } from '../../src/db/statuses.js';
import { createPacer } from '../../src/delivery/pacing.js';
import { createRenderer } from '../../src/delivery/render.js';
import { sendBundle, type SendPath } from '../../src/delivery/send-path.js';
import { createTelegramTransport } from '../../src/delivery/telegram-transport.js';
import type { PlannedNotification } from '../../src/domain/notification.js';
import { plan } from '../../src/planner/plan.js';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/planner/types.js';
import { runTick } from '../../src/queue/tick.js';
import { parseScheduleText } from '../../src/schedule/load.js';
import type { Schedule } from '../../src/schedule/types.js';
import { type RosterFixture, seedRoster } from '../db/roster-fixture.js';
import { type BotApiEmulator, type SentMessage } from '../support/bot-api-emulator.js';
import { type DeliveryRig, startDeliveryRig, UNPACED } from '../support/delivery-rig.js';
import { type Answer, waitFor } from '../support/wait.js';

export const STAGE1_YAML = `id: test-500plus
title: Тестовая дорожная карта
year: 2022
time_zone: Europe/Saratov
chain: [school, curator, municipal, regional]
milestones:
  - id: concept-docs
    title: Размещение концептуальных документов
    kind: plan_submission
    when: "16.05.2022 – 01.06.2022"
    scope: school
    assignee: school
    confirm_by: curator
`;

/** A schedule from YAML text, or the test fails saying why it does not load. */
export function testSchedule(yaml: string, file: string): Schedule {
  const result = parseScheduleText(yaml, file);
  if (!result.schedule) throw new Error(`test schedule ${file} does not load: ${JSON.stringify(result.problems)}`);
  return result.schedule;
}

export function stage1Schedule(): Schedule {
  return testSchedule(STAGE1_YAML, 'test-500plus.yaml');
}

export const SARATOV = 'Europe/Saratov';

export function at(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: SARATOV });
}

export const TOKEN = '123456:TEST-token';

/** A Telegram user id (and private chat id) for a roster person. */
export const tg = (personId: number) => 5000 + personId;

export interface World {
  emu: BotApiEmulator;
  store: Store;
  roster: RosterFixture;
  schedules: Schedule[];
  deps: BotDeps;
  running: RunningBot;
  setNow(iso: string): void;
  /** Registers people through real /start invites. */
  register(...personIds: number[]): Promise<void>;
  /**
   * Delivers what is due now. With `redis`: the real scheduler tick and delivery worker on the suite's Redis,
   * and it waits until every row due by now has left the queue. Without: plans today's notifications
   * (horizon 0) and sends them in-process like the worker (claim, render, send, mark sent).
   */
  deliver(): Promise<void>;
  planned(): PlannedNotification[];
  /** Injects a text message (or command) from a Telegram user. */
  text(userId: number, text: string): number;
  /** Presses the button with this label on a delivered message; returns the callback query id. */
  press(userId: number, message: SentMessage, label: string): string;
  /** Injects a press with arbitrary callback data on a delivered message. */
  pressData(userId: number, message: SentMessage, data: string): string;
  /** Injects a `my_chat_member` update: the user blocked (`kicked`) or unblocked (`member`) the bot. */
  membership(userId: number, status: 'kicked' | 'member'): number;
  /** Waits for `probe` to answer (see test/support/wait.ts: '' and false are not answers). */
  until<T>(probe: () => T, what: string): Promise<Answer<T>>;
  answerTo(callbackId: string): Promise<string>;
  stop(): Promise<void>;
}

let nextMessage = 1;
let nextCallback = 1;

export interface WorldOptions {
  now: string;
  dbPath?: string;
  schedules?: Schedule[];
  /** Deliver through the real tick and delivery worker on the test Redis (`inject('redisUrl')`). */
  redis?: boolean;
}

/** The real scheduler path: a tick on the world's clock and a delivery worker sending to the emulator. */
interface RedisDelivery {
  /** Runs a tick on the world's clock: it also promotes the jobs the clock's jumps left waiting for later. */
  tick(): Promise<void>;
}

/** The real scheduler path on the world's rig: a tick on the world's clock, and a delivery worker. */
function startRedisDelivery(rig: DeliveryRig, store: Store, clock: Clock, schedules: Schedule[]): RedisDelivery {
  const { queue } = rig;
  rig.startWorker({ store, clock });
  return {
    async tick() {
      await runTick({ store, queue, clock, schedules, settings: DEFAULT_PLANNER_SETTINGS, log: pino({ level: 'silent' }) });
    },
  };
}

export async function startWorld(options: WorldOptions = { now: '2022-05-31T08:00' }): Promise<World> {
  const rig = await startDeliveryRig({ redisUrl: inject('redisUrl') });
  const emu = rig.emulator;
  const store = openStore(options.dbPath ?? ':memory:');
  const roster = seedRoster(store);
  const schedules = options.schedules ?? [stage1Schedule()];
  let now = at(options.now);
  const clock: Clock = { now: () => now };
  const log = pino({ level: 'silent' });
  const deps: BotDeps = {
    token: TOKEN,
    apiRoot: emu.url,
    store,
    schedules,
    clock,
    log,
    config: { planner: DEFAULT_PLANNER_SETTINGS, deadlineDays: 14 },
    // the bot paces its sends on the worker's keys, as in production
    pacing: { redis: rig.connection, prefix: rig.prefix, limits: UNPACED },
  };
  const running = await startBot(deps);
  const { connection: redis, prefix } = rig;
  const limits = UNPACED;
  // the in-process delivery takes the production send path, as the worker and the bot do
  const sendPath: SendPath = {
    owner: 'bot-tests',
    leaseMs: 60_000,
    store,
    transport: createTelegramTransport({ token: TOKEN, apiRoot: emu.url }),
    render: createTelegramRender(store, createRenderer()),
    clock,
    pacer: createPacer(redis, prefix, limits),
    log,
  };
  const delivery = options.redis ? startRedisDelivery(rig, store, clock, schedules) : null;

  // waitFor's 10 s: a bot reply drawn and paced on a machine loaded by a bench beside the suite took over 5 s
  const until = <T>(probe: () => T, what: string) => waitFor(what, probe);

  const privateChat = (userId: number) => ({ id: userId, type: 'private', first_name: `U${userId}` });
  const user = (userId: number) => ({ id: userId, is_bot: false, first_name: `U${userId}` });

  const text = (userId: number, body: string) => {
    const command = /^\/\w+/.exec(body);
    return emu.injectUpdate({
      message: {
        message_id: nextMessage++,
        date: Math.floor(now.toSeconds()),
        chat: privateChat(userId),
        from: user(userId),
        text: body,
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      },
    });
  };

  const pressData = (userId: number, message: SentMessage, data: string) => {
    const id = `cb${nextCallback++}`;
    emu.injectUpdate({
      callback_query: {
        id,
        from: user(userId),
        chat_instance: 'ci',
        data,
        message: {
          message_id: message.messageId,
          date: Math.floor(now.toSeconds()),
          chat: privateChat(Number(message.chatId)),
          from: { id: 777000001, is_bot: true, first_name: 'Roadmap' },
          text: message.text,
          reply_markup: message.replyMarkup,
        },
      },
    });
    return id;
  };

  const membership = (userId: number, status: 'kicked' | 'member') => {
    const bot = { id: 777000001, is_bot: true, first_name: 'Roadmap' };
    const old = status === 'kicked' ? 'member' : 'kicked';
    return emu.injectUpdate({
      my_chat_member: {
        chat: privateChat(userId),
        from: user(userId),
        date: Math.floor(now.toSeconds()),
        old_chat_member: old === 'kicked' ? { status: old, user: bot, until_date: 0 } : { status: old, user: bot },
        new_chat_member: status === 'kicked' ? { status, user: bot, until_date: 0 } : { status, user: bot },
      },
    });
  };

  const planned = () =>
    plan({
      now,
      schedules,
      roster: loadRoster(store),
      statuses: loadStatuses(store),
      alreadyPlanned: { dedupeKeys: new Set(), sentBundles: new Set() },
      horizonDays: 0,
      settings: DEFAULT_PLANNER_SETTINGS,
    });

  return {
    emu,
    store,
    roster,
    schedules,
    deps,
    running,
    setNow: (iso) => {
      now = at(iso);
    },
    async register(...personIds) {
      for (const invite of issueInvites(store, personIds, { now, ttlDays: 30 })) {
        const before = emu.sent(tg(invite.personId)).length;
        text(tg(invite.personId), `/start ${invite.code}`);
        await until(() => emu.sent(tg(invite.personId)).length > before, `welcome of person ${invite.personId}`);
      }
    },
    async deliver() {
      if (delivery) {
        await delivery.tick();
        const nowIso = now.toUTC().toISO() ?? '';
        const pending = new Set<NotificationState>([...SENDABLE_STATES, ...IN_FLIGHT_STATES]);
        // a bundle for someone who has not joined waits for them: the worker is not expected to send it
        const joined = (personId: number) => getPerson(store, personId)?.chatId != null;
        const stuck = () => listNotifications(store).filter((n) => n.sendAt <= nowIso && pending.has(n.state) && joined(n.recipientId));
        await until(() => stuck().length === 0, 'the delivery worker to send everything due').catch((error: unknown) => {
          const rows = stuck().map((n) => `${n.id} ${n.kind} → ${n.recipientId}: ${n.state} ${n.lastError ?? ''}`);
          throw new Error(`${String(error)}; still waiting: ${rows.join('; ')}`);
        });
        return;
      }
      const inserted = insertPlanned(store, planned());
      const bundles = new Map<string, StoredNotification[]>();
      for (const row of inserted) bundles.set(row.bundleKey, [...(bundles.get(row.bundleKey) ?? []), row]);
      for (const rows of bundles.values()) await sendBundle(sendPath, rows, { lane: 'interactive', lastAttempt: true });
    },
    planned,
    text,
    press(userId, message, label) {
      const markup = message.replyMarkup as { inline_keyboard: { text: string; callback_data: string }[][] } | null;
      const button = markup?.inline_keyboard.flat().find((b) => b.text === label);
      if (!button) throw new Error(`no button "${label}" on message ${message.messageId}: ${JSON.stringify(markup)}`);
      return pressData(userId, message, button.callback_data);
    },
    pressData,
    membership,
    until,
    async answerTo(callbackId) {
      const request = await until(
        () => emu.requests().find((r) => r.method === 'answerCallbackQuery' && r.params.callback_query_id === callbackId),
        `answer to ${callbackId}`,
      );
      return typeof request.params.text === 'string' ? request.params.text : '';
    },
    async stop() {
      await running.stop();
      await rig.close();
      store.close();
    },
  };
}
