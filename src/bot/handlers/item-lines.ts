import type { SchoolItem } from '../overview.js';
import type { BotRuntime } from '../runtime.js';

/** More lines than this in one reply are summarised as "and N more". */
const MAX_LINES = 30;

/** Items as reply lines (overdue ones marked), or the "nothing due" sentence. */
export function itemLines(rt: BotRuntime, items: readonly SchoolItem[], today: string, days: number): string {
  if (items.length === 0) return rt.say('bot-deadlines-none', { days });
  const sorted = [...items].sort((a, b) => a.due.localeCompare(b.due));
  const lines = sorted.slice(0, MAX_LINES).map((i) =>
    rt.say('bot-item-line', { title: i.title, school: i.schoolName, due: i.due, status: i.status, late: i.due < today ? 'yes' : 'no' }),
  );
  if (sorted.length > MAX_LINES) lines.push(rt.say('bot-more', { count: sorted.length - MAX_LINES }));
  return [rt.say('bot-deadlines-title', { days }), ...lines].join('\n');
}
