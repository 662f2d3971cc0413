/**
 * Commands of registered people: /status, /deadlines [days], /school <code>, /digest, /snooze, /settings,
 * /help. Each resolves the person first; strangers get the invite hint and nothing else.
 */
import type { Context } from 'grammy';
import { getPerson, savePreferences } from '../../db/people.js';
import { schoolIdsInScope, schoolsByCode } from '../../db/roster.js';
import type { Person } from '../../domain/roster.js';
import { setByText } from '../../tabular/status-export.js';
import { isCoordinator, resolvePerson } from '../auth.js';
import { commandsFor } from '../command-menu.js';
import { isOpen, personToday, personZone, schoolItems } from '../overview.js';
import { isOpenItem, type PersonItem, personItems } from '../person-items.js';
import type { BotServices } from '../services.js';
import { itemLines } from './item-lines.js';
import { digestNow, laggingSchoolsText, laggingText, replyWithChart } from './regional.js';
import { snoozeCommand } from './snooze.js';

type CommandHandler = (rt: BotServices, ctx: Context, person: Person, args: string) => Promise<void>;

function today(rt: BotServices, person: Person): string {
  return personToday(rt.store, person, rt.clock.now());
}

/** The person's open items (as assignee or confirmer, any scope), by the planner's resolution of roles. */
function openItems(rt: BotServices, person: Person): PersonItem[] {
  return personItems(rt.store, rt.schedules, person, personZone(rt.store, person)).filter(isOpenItem);
}

/**
 * Open items: overdue and due soon, and whatever waits for the person's confirmation however far its due
 * date; a coordinator also gets the lagging schools of their scope.
 */
const status: CommandHandler = async (rt, ctx, person) => {
  const day = today(rt, person);
  const until = rt.clock.now().setZone(personZone(rt.store, person)).plus({ days: rt.config.deadlineDays }).toISODate() ?? '';
  const items = openItems(rt, person).filter((i) => i.due <= until || (i.capacity === 'confirmer' && i.status === 'submitted'));
  const own = itemLines(rt, items, day, rt.config.deadlineDays, isCoordinator(person));
  const reply = isCoordinator(person) ? `${own}\n\n${laggingText(rt, person)}` : own;
  await ctx.reply(reply.slice(0, 4096));
};

const deadlines: CommandHandler = async (rt, ctx, person, args) => {
  const days = args === '' ? rt.config.deadlineDays : Number(args);
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    await ctx.reply(rt.say('bot-usage-deadlines'));
    return;
  }
  const day = today(rt, person);
  const until = rt.clock.now().setZone(personZone(rt.store, person)).plus({ days }).toISODate() ?? '';
  const items = openItems(rt, person).filter((i) => i.due >= day && i.due <= until);
  await ctx.reply(itemLines(rt, items, day, days, isCoordinator(person)));
};

/** One school's card across all milestones; only a school in the person's scope. */
const school: CommandHandler = async (rt, ctx, person, args) => {
  if (person.role === 'school') {
    await ctx.reply(rt.say('bot-command-not-for-role'));
    return;
  }
  if (args === '') {
    await ctx.reply(rt.say('bot-usage-school'));
    return;
  }
  const inScope = new Set(schoolIdsInScope(rt.store, person));
  const found = schoolsByCode(rt.store, args).filter((s) => inScope.has(s.id));
  const card = found[0];
  if (card === undefined) {
    rt.log.warn({ personId: person.id, code: args }, 'school card refused or unknown');
    await ctx.reply(rt.say('bot-school-unknown'));
    return;
  }
  const zone = personZone(rt.store, person);
  const items = schoolItems(rt.store, rt.schedules, [card.id], zone);
  const names = new Map(
    [...new Set(items.flatMap((i) => (i.updatedBy === null ? [] : [i.updatedBy])))].map((id) => [id, getPerson(rt.store, id)?.fullName ?? `#${id}`]),
  );
  const lines = items.flatMap((i) => {
    const setBy = i.updatedAt === null ? null : setByText(rt.say, { updatedAt: i.updatedAt, updatedBy: i.updatedBy, updatedSource: i.updatedSource }, names, zone);
    return [
      rt.say('bot-item-line', { title: i.title, school: i.schoolName, schoolCode: i.schoolNameCode, due: i.due, status: i.status, late: isOpen(i) && i.due < today(rt, person) ? 'yes' : 'no' }),
      ...(setBy ? [rt.say('bot-item-set-by', { who: setBy })] : []),
      ...(i.plannedDate ? [rt.say('bot-item-planned', { planned: i.plannedDate })] : []),
      ...(i.comment ? [rt.say('bot-item-comment', { comment: i.comment })] : []),
    ];
  });
  await ctx.reply([rt.say('bot-school-card', { name: card.name, code: card.code }), ...lines].join('\n').slice(0, 4096));
};

const digest: CommandHandler = async (rt, ctx, person) => {
  if (!isCoordinator(person)) {
    await ctx.reply(rt.say('bot-command-not-for-role'));
    return;
  }
  // on demand the digest may run past one screen: the names behind its counts follow it
  const lagging = person.role === 'municipal' ? laggingSchoolsText(rt, person) : laggingText(rt, person);
  const digest = digestNow(rt, person);
  await ctx.reply((digest === null ? lagging : `${rt.renderer.renderText(digest)}\n\n${lagging}`).slice(0, 4096));
  // the weekly regional digest comes with its chart, and so does the one asked for
  if (digest?.kind === 'digest_regional') await replyWithChart(rt, ctx, digest);
};

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `/settings`, `/settings window 10:00-18:00`, `/settings digest 3`. */
const settings: CommandHandler = async (rt, ctx, person, args) => {
  const [what, value = ''] = args.split(/\s+/, 2);
  const prefs = { ...person.preferences };
  if (what === 'window') {
    const [start = '', end = ''] = value.split('-');
    if (!HHMM.test(start) || !HHMM.test(end) || start >= end) {
      await ctx.reply(rt.say('bot-usage-settings'));
      return;
    }
    prefs.windowStart = start;
    prefs.windowEnd = end;
  } else if (what === 'digest') {
    const day = Number(value);
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      await ctx.reply(rt.say('bot-usage-settings'));
      return;
    }
    prefs.digestDay = day;
  } else if (what !== '') {
    await ctx.reply(rt.say('bot-usage-settings'));
    return;
  }
  if (what !== '') savePreferences(rt.store, person.id, prefs);
  await ctx.reply(rt.say('bot-settings', { start: prefs.windowStart, end: prefs.windowEnd, day: prefs.digestDay, changed: what === '' ? 'no' : 'yes' }));
};

const help: CommandHandler = async (rt, ctx, person) => {
  const lines = commandsFor(person.role).map((c) => `/${c} — ${rt.say(`bot-command-${c}`)}`);
  await ctx.reply([rt.say('bot-help', { role: person.role }), ...lines].join('\n'));
};

export const commandHandlers: Record<string, CommandHandler> = {
  status,
  deadlines,
  school,
  digest,
  snooze: snoozeCommand,
  settings,
  help,
};

/** Wraps a command: strangers get the invite hint; commands outside the role's menu are refused. */
export function createCommandHandler(rt: BotServices, name: keyof typeof commandHandlers) {
  return async (ctx: Context): Promise<void> => {
    const person = resolvePerson(rt.store, ctx.from?.id);
    if (person === null) {
      await ctx.reply(rt.say('bot-start-stranger'));
      return;
    }
    const handler = commandHandlers[name];
    if (!handler) return;
    const args = typeof ctx.match === 'string' ? ctx.match.trim() : '';
    await handler(rt, ctx, person, args);
  };
}
