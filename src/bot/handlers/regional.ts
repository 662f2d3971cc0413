/**
 * Coordinators' digest buttons: «Отстающие по муниципалитетам» (regional), «Отстающие школы» (municipal) and
 * «Выгрузить XLSX», always limited to the schools of the pressing person's scope; «Показать все» under a
 * coordinator's long morning message shows every item of it with its buttons; `/digest` sends the week's
 * digest now.
 */
import { type Context, InputFile } from 'grammy';
import { loadBundle } from '../../db/notifications.js';
import { loadRegionRoster, schoolIdsInScope } from '../../db/roster.js';
import { getStatus, loadStatuses } from '../../db/statuses.js';
import type { PlannedNotification } from '../../domain/notification.js';
import type { ItemRef } from '../../domain/status.js';
import { planDigestFor } from '../../planner/digest-now.js';
import { callbackDataFor } from '../callback-data.js';
import { chartFilename, progressPng } from '../progress-chart.js';
import type { Person } from '../../domain/roster.js';
import { isCoordinator } from '../auth.js';
import { isOpen, laggingByMunicipality, overdueSchoolItems, personZone, schoolItems } from '../overview.js';
import type { BotServices } from '../services.js';
import { buildStatusWorkbook } from '../xlsx-export.js';
import type { DigestAction } from './press.js';

function today(rt: BotServices, person: Person): string {
  return rt.clock.now().setZone(personZone(rt.store, person)).toISODate() ?? '';
}

/** The lagging-schools summary text for a coordinator. */
export function laggingText(rt: BotServices, person: Person): string {
  const zone = personZone(rt.store, person);
  const day = today(rt, person);
  const items = overdueSchoolItems(rt.store, rt.schedules, schoolIdsInScope(rt.store, person), zone, day);
  const lagging = laggingByMunicipality(items, day);
  if (lagging.length === 0) return rt.say('bot-lagging-none');
  return [rt.say('bot-lagging-title'), ...lagging.map((l) => rt.say('bot-lagging-line', l))].join('\n');
}

/** The lagging schools of a municipal coordinator's scope, most lagging items first. */
export function laggingSchoolsText(rt: BotServices, person: Person): string {
  const day = today(rt, person);
  const items = overdueSchoolItems(rt.store, rt.schedules, schoolIdsInScope(rt.store, person), personZone(rt.store, person), day);
  const by = new Map<string, { name: string; code: string; titles: string[] }>();
  for (const item of items) {
    if (!isOpen(item) || item.due >= day) continue;
    const entry = by.get(item.schoolCode) ?? { name: item.schoolName, code: item.schoolCode, titles: [] };
    entry.titles.push(item.title);
    by.set(item.schoolCode, entry);
  }
  if (by.size === 0) return rt.say('bot-lagging-none');
  const lines = [...by.values()]
    .sort((a, b) => b.titles.length - a.titles.length || a.name.localeCompare(b.name, 'ru'))
    .map((e) => rt.say('bot-lagging-school-line', { name: e.name, code: e.code, items: e.titles.length }));
  return [rt.say('bot-lagging-schools-title'), ...lines].join('\n').slice(0, 4096);
}

const laggingSchools: DigestAction = async (rt, ctx, person) => {
  if (!isCoordinator(person)) {
    rt.log.warn({ personId: person.id }, 'lagging schools view refused: not a coordinator');
    return;
  }
  await ctx.reply(laggingSchoolsText(rt, person));
};

/** Every item of the pressed message's bundle, each with its buttons, in as many messages as Telegram needs. */
const showAll: DigestAction = async (rt, ctx, person, notification) => {
  const bundle = loadBundle(rt.store, notification.bundleKey).filter((n) => n.recipientId === person.id);
  const versionOf = (ref: ItemRef) => getStatus(rt.store, ref)?.version ?? 0;
  for (const message of rt.renderer.renderBundle(bundle, { whole: true })) {
    const inline_keyboard = message.buttons.map((row) =>
      row.map((b) => ({ text: b.label, callback_data: callbackDataFor({ action: b.action, ref: b.ref }, bundle, versionOf) })),
    );
    await ctx.reply(message.text, { reply_markup: { inline_keyboard } });
  }
};

/**
 * `/digest`: the person's digest as of now, the same one-screen text and buttons the weekly one has (planned
 * by the planner for this instant, not stored: nothing here can be pressed that names a stored row, so its
 * buttons are the digest-wide views, answered at once).
 */
export function digestNow(rt: BotServices, person: Person): PlannedNotification | null {
  return planDigestFor({
    now: rt.clock.now(),
    schedules: [...rt.schedules],
    // a coordinator's digest covers their region (or a municipality of it)
    roster: loadRegionRoster(rt.store, person.regionId, rt.config.preferenceDefaults),
    statuses: loadStatuses(rt.store),
    settings: rt.config.planner,
    personId: person.id,
  });
}

/** A regional digest's chart as a photo reply, drawn from the digest's own lines (paced like every reply). */
export async function replyWithChart(rt: BotServices, ctx: Context, digest: Pick<PlannedNotification, 'params' | 'localDate'>): Promise<void> {
  const png = progressPng(digest.params, rt.say);
  await ctx.replyWithPhoto(new InputFile(png, chartFilename(digest)), { caption: rt.say('chart-caption') });
}

const lagging: DigestAction = async (rt, ctx, person) => {
  if (!isCoordinator(person)) {
    rt.log.warn({ personId: person.id }, 'lagging view refused: not a coordinator');
    return;
  }
  await ctx.reply(laggingText(rt, person));
};

const exportXlsx: DigestAction = async (rt, ctx, person) => {
  if (!isCoordinator(person)) {
    rt.log.warn({ personId: person.id }, 'export refused: not a coordinator');
    return;
  }
  const items = schoolItems(rt.store, rt.schedules, schoolIdsInScope(rt.store, person), personZone(rt.store, person));
  const bytes = await buildStatusWorkbook(rt.say, items);
  await ctx.replyWithDocument(new InputFile(bytes, `statuses-${today(rt, person)}.xlsx`), {
    caption: rt.say('bot-export-caption', { rows: items.length }),
  });
};

/** The digest's picture, drawn from the digest the button sits under. */
const progressChart: DigestAction = async (rt, ctx, person, notification) => {
  if (!isCoordinator(person) || notification.kind !== 'digest_regional') {
    rt.log.warn({ personId: person.id, notificationId: notification.id }, 'chart refused: not a regional digest');
    return;
  }
  await replyWithChart(rt, ctx, notification);
};

export const digestActions: Record<'lagging_by_municipality' | 'lagging_schools' | 'export_xlsx' | 'progress_chart' | 'show_all', DigestAction> = {
  lagging_by_municipality: lagging,
  lagging_schools: laggingSchools,
  export_xlsx: exportXlsx,
  progress_chart: progressChart,
  show_all: showAll,
};
