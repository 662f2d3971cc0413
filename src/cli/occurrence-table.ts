import type { Occurrence } from '../schedule/occurrences.js';
import { formatDotted } from '../schedule/local-date.js';

/** Longest title shown; the id column already identifies the milestone. */
const TITLE_WIDTH = 60;

function whenCell(occurrence: Occurrence): string {
  const { startDate, dueDate, continuous } = occurrence;
  if (continuous) return startDate === null ? 'ongoing' : `ongoing from ${formatDotted(startDate)}`;
  if (dueDate === null) return '';
  const time = occurrence.milestone.at ?? occurrence.milestone.when.time;
  const at = time === null ? '' : ` ${time}`;
  if (startDate === null || startDate === dueDate) return `${formatDotted(dueDate)}${at}`;
  return `${formatDotted(startDate)} – ${formatDotted(dueDate)}`;
}

function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** Occurrences as aligned columns: when, milestone id, title, scope, assignee, confirm_by. */
export function occurrenceTable(occurrences: readonly Occurrence[]): string {
  const header = ['WHEN', 'MILESTONE', 'TITLE', 'SCOPE', 'ASSIGNEE', 'CONFIRM_BY'];
  const rows = occurrences.map((o) => [
    whenCell(o),
    o.milestone.id,
    truncate(o.milestone.title, TITLE_WIDTH),
    o.milestone.scope,
    o.milestone.assignee,
    o.milestone.confirmBy ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  return [header, ...rows].map((cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}
