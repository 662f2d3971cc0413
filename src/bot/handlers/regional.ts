/**
 * Coordinators' digest buttons (and the same views behind /digest): «Отстающие по муниципалитетам» and
 * «Выгрузить XLSX», always limited to the schools of the pressing person's scope.
 */
import { InputFile } from 'grammy';
import { schoolIdsInScope } from '../../db/roster.js';
import type { Person } from '../../domain/roster.js';
import { isCoordinator } from '../auth.js';
import { laggingByMunicipality, personZone, schoolItems } from '../overview.js';
import type { BotServices } from '../services.js';
import { buildStatusWorkbook } from '../xlsx-export.js';
import type { DigestAction } from './press.js';

function today(rt: BotServices, person: Person): string {
  return rt.clock.now().setZone(personZone(rt.store, person)).toISODate() ?? '';
}

/** The lagging-schools summary text for a coordinator. */
export function laggingText(rt: BotServices, person: Person): string {
  const zone = personZone(rt.store, person);
  const items = schoolItems(rt.store, rt.schedules, schoolIdsInScope(rt.store, person), zone);
  const lagging = laggingByMunicipality(items, today(rt, person));
  if (lagging.length === 0) return rt.say('bot-lagging-none');
  return [rt.say('bot-lagging-title'), ...lagging.map((l) => rt.say('bot-lagging-line', l))].join('\n');
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

export const digestActions: Record<'lagging_by_municipality' | 'export_xlsx', DigestAction> = {
  lagging_by_municipality: lagging,
  export_xlsx: exportXlsx,
};
