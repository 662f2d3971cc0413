import type { PersonItem } from '../person-items.js';
import type { BotServices } from '../services.js';

/** More lines than this in one reply are summarised as "and N more". */
const MAX_LINES = 30;

interface Line {
  due: string;
  text: string;
}

/**
 * A coordinator's item over many subjects (every school's expertise) is one line that counts the open
 * subjects, as their reminders do; anyone else's items are a line each.
 */
function linesOf(rt: BotServices, items: readonly PersonItem[], today: string, grouped: boolean): Line[] {
  const late = (due: string) => (due < today ? 'yes' : 'no');
  const single = (i: PersonItem): Line => ({
    due: i.due,
    text: rt.say('bot-item-line', { title: i.title, school: i.subjectName, schoolCode: i.subjectCode, due: i.due, status: i.status, late: late(i.due) }),
  });
  if (!grouped) return items.map(single);
  const groups = new Map<string, [PersonItem, ...PersonItem[]]>();
  for (const item of items) {
    const key = `${item.scheduleId}/${item.occurrenceKey}/${item.subject.type}/${item.capacity}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group;
    if (group.length === 1) return single(first);
    const waiting = group.filter((i) => (first.capacity === 'confirmer' ? i.status === 'submitted' : i.status !== 'submitted')).length;
    return {
      due: first.due,
      text: rt.say('bot-item-group-line', { title: first.title, due: first.due, late: late(first.due), open: group.length, waiting, capacity: first.capacity }),
    };
  });
}

/** Open items as reply lines (overdue ones marked), or the "nothing due" sentence. */
export function itemLines(rt: BotServices, items: readonly PersonItem[], today: string, days: number, grouped = false): string {
  if (items.length === 0) return rt.say('bot-deadlines-none', { days });
  const lines = linesOf(rt, items, today, grouped).sort((a, b) => a.due.localeCompare(b.due));
  const shown = lines.slice(0, MAX_LINES).map((l) => l.text);
  if (lines.length > MAX_LINES) shown.push(rt.say('bot-more', { count: lines.length - MAX_LINES }));
  return [rt.say('bot-deadlines-title', { days }), ...shown].join('\n');
}
