import { DatePhraseError } from '../date-phrase-error.js';
import { parseWhen } from '../ru-dates.js';
import { closeGuillemets } from '../../domain/guillemets.js';
import type { Role } from '../../domain/roles.js';
import { flatten, type RoadmapDocument } from './document.js';
import { type Activity, type Entry, tableEntries } from './entries.js';
import { findRoadmapTables } from './find-tables.js';
import { idMaker, slug } from './ids.js';
import { guessKind } from './kind-rules.js';
import { rolesNamed, SCOPE_OF_ROLE } from './role-rules.js';
import { type DraftField, type DraftLine, type DraftMilestone, writeYaml } from './write-yaml.js';
import { findYear } from './year.js';

/** The document cannot be drafted: one sentence saying why, for the person who ran the command. */
export class DraftError extends Error {
  override name = 'DraftError';
}

export interface DraftOptions {
  /** The document's file name, named in the draft's first comment. */
  fileName: string;
  /** `--year`: the year of dates written without one, over whatever the document says. */
  year?: number;
  /** `--id`: the schedule id; by default one is made from the title and the year. */
  id?: string;
}

export interface DraftSummary {
  /** Roadmap rows read: activities (a matrix row counts once per filled project cell) and section rows. */
  rowsRead: number;
  sections: number;
  milestones: number;
  /** Activities whose date cell is empty: written commented out. */
  withoutDate: number;
  /** Activities whose date cell the parser cannot read: written commented out with its message. */
  unreadDates: number;
  /** `# проверьте` notes in the draft. */
  toReview: number;
  year: number;
  /** Where the year came from: the document's words, or `--year`. */
  yearFrom: string;
}

export interface Draft {
  yaml: string;
  summary: DraftSummary;
}

/** A new schedule's time zone until the reviewer sets the region's. */
const DEFAULT_ZONE = 'Europe/Moscow';

/**
 * Drafts a schedule from a roadmap document (pure): every dated activity becomes a milestone whose
 * `when` is the date cell verbatim, so `schedule check` reads it as the parser reads any schedule;
 * roles and kinds are guessed by the rule tables, and each guess a keyword did not settle carries a
 * `# проверьте` note. Activities without a readable date stay in the file, commented out.
 */
export function draftSchedule(document: RoadmapDocument, options: DraftOptions): Draft {
  const tables = findRoadmapTables(document);
  if (tables.length === 0) {
    throw new DraftError(`${options.fileName} has no roadmap table: no table has a date column (a header such as «Срок», «Сроки исполнения» or «Дата»)`);
  }
  const entries = tables.flatMap(tableEntries);
  const heading = [...document.paragraphs.slice(0, 20), ...tables.flatMap((table) => table.preamble)];
  const found = findYear(heading);
  const year = options.year ?? found?.year;
  if (year === undefined) {
    throw new DraftError(`${options.fileName} names no year in its title or approval block («на 2024 год», «от 21.02.2022»): pass --year YYYY`);
  }
  const title = heading.find((text) => /дорожн[а-я]* карт|план[а-я]*[- ]график|план мероприятий/i.test(text)) ?? heading[0] ?? options.fileName;
  const nextId = idMaker();
  const counts = { milestones: 0, withoutDate: 0, unreadDates: 0, toReview: 0, sections: 0 };
  const body: DraftLine[] = entries.map((entry: Entry): DraftLine => {
    if (entry.type === 'section') {
      counts.sections += 1;
      return entry;
    }
    const milestone = draftMilestone(entry.activity, year, nextId);
    if (milestone.disabled === null) counts.milestones += 1;
    else if (entry.activity.when === '') counts.withoutDate += 1;
    else counts.unreadDates += 1;
    return { type: 'milestone', milestone };
  });
  if (counts.milestones === 0) {
    throw new DraftError(`${options.fileName}: no row of its roadmap table has a date the bot can read`);
  }

  const yearField: DraftField = { key: 'year', value: year };
  if (options.year !== undefined && found !== null && found.year !== options.year) {
    yearField.review = `--year ${options.year}, а в документе «${found.evidence}»`;
  } else if (options.year === undefined && found !== null && !found.settled) {
    yearField.review = `год взят из «${found.evidence}»: даты без года читаются в ${year} году`;
  }
  const header: DraftField[] = [
    options.id === undefined
      ? { key: 'id', value: `${slug(title)}-${year}`.replace(/^-/, ''), plain: true, review: 'id придуман по названию: короткий, уникальный среди файлов schedules/' }
      : { key: 'id', value: options.id, plain: true },
    { key: 'title', value: flatten(title) },
    yearField,
    { key: 'time_zone', value: DEFAULT_ZONE, plain: true, review: 'часовой пояс региона, например Europe/Saratov' },
    { key: 'chain', value: ['school', 'curator', 'municipal', 'regional'] },
  ];
  counts.toReview += header.filter((field) => field.review !== undefined).length;
  counts.toReview += body.reduce(
    (sum, line) => sum + (line.type === 'milestone' && line.milestone.disabled === null ? line.milestone.fields.filter((f) => f.review !== undefined).length : 0),
    0,
  );
  const yaml = writeYaml({
    preface: [
      `Черновик из ${options.fileName} (roadmap-bot schedule draft). Проверьте строки «# проверьте»,`,
      'раскомментируйте или удалите строки «# не включено», затем: roadmap-bot schedule check <файл>',
    ],
    fields: header,
    hints: ['regions: [RU-SAR]   # для региональной дорожной карты: коды субъектов ISO 3166-2:RU'],
    body,
  });
  const activities = entries.length - counts.sections;
  return {
    yaml,
    summary: {
      rowsRead: activities + counts.sections,
      sections: counts.sections,
      milestones: counts.milestones,
      withoutDate: counts.withoutDate,
      unreadDates: counts.unreadDates,
      toReview: counts.toReview,
      year,
      yearFrom: options.year !== undefined ? '--year' : `«${found?.evidence ?? ''}»`,
    },
  };
}

/** Why a date cell cannot go in as written, or null when the parser reads it. */
function dateProblem(when: string, year: number): string | null {
  if (when === '') return 'нет срока';
  try {
    parseWhen(when, { year });
    return null;
  } catch (error) {
    if (error instanceof DatePhraseError) return `срок не прочитан: ${error.message}`;
    throw error;
  }
}

/** The title as the row gives it, with a « the row leaves open closed: messages quote titles as «…». */
function titleField(title: string): DraftField {
  const closed = closeGuillemets(title);
  return closed === title ? { key: 'title', value: title } : { key: 'title', value: closed, review: 'в исходнике кавычка « не закрыта: закрыта в конце названия' };
}

function draftMilestone(activity: Activity, year: number, nextId: (number: string | null, title: string) => string): DraftMilestone {
  const { kind, kindReview } = kindOf(activity);
  const { assignee, assigneeReview } = assigneeOf(activity);
  const evidence = `${activity.executor ?? ''} ${activity.kpi ?? ''} ${activity.notes ?? ''}`.toLowerCase();
  // A school posts and its curator confirms in ИС МЭДК wherever the row speaks of the curator's confirmation.
  const confirmedByCurator = assignee === 'school' && /подтвержд/.test(evidence) && /куратор/.test(evidence);
  const optional = (key: string, value: string | null): DraftField[] => (value === null ? [] : [{ key, value }]);
  const fields: DraftField[] = [
    { key: 'id', value: nextId(activity.number, activity.title), plain: true },
    titleField(activity.title),
    { key: 'kind', value: kind, plain: true, ...(kindReview && { review: kindReview }) },
    { key: 'when', value: activity.when },
    { key: 'scope', value: SCOPE_OF_ROLE[assignee], plain: true },
    { key: 'assignee', value: assignee, plain: true, ...(assigneeReview && { review: assigneeReview }) },
    ...(confirmedByCurator ? [{ key: 'confirm_by', value: 'curator', plain: true }] : []),
    ...optional('kpi', activity.kpi),
    { key: 'source', value: activity.source },
    ...optional('executor', activity.executor),
    ...optional('notes', activity.notes),
  ];
  return { fields, disabled: dateProblem(activity.when, year) };
}

function kindOf(activity: Activity): { kind: string; kindReview: string | null } {
  const guess = guessKind(activity.title);
  if (guess.keyword === null) {
    const fromNotes = guessKind(activity.notes ?? '');
    if (fromNotes.keyword !== null) return { kind: fromNotes.kind, kindReview: `в названии нет ключевого слова, взято «${fromNotes.keyword}» из описания` };
    return { kind: 'other', kindReview: 'в названии нет ключевого слова вида (survey, visit, meeting, …)' };
  }
  if (guess.alsoMatched.length === 0) return { kind: guess.kind, kindReview: null };
  const others = guess.alsoMatched.map((m) => `«${m.keyword}» (${m.kind})`).join(', ');
  return { kind: guess.kind, kindReview: `по «${guess.keyword}»; в названии есть и ${others}` };
}

function assigneeOf(activity: Activity): { assignee: Role; assigneeReview: string | null } {
  if (activity.executor === null) {
    // A description usually opens with who acts («Регионы направляют…», «ОО и куратор разрабатывают…»).
    const guessed = rolesNamed(`${activity.notes ?? ''} ${activity.title}`)[0] ?? 'regional';
    return { assignee: guessed, assigneeReview: 'в таблице нет исполнителя, угадано по описанию' };
  }
  const roles = rolesNamed(activity.executor);
  const [first] = roles;
  if (first === undefined) return { assignee: 'regional', assigneeReview: 'исполнитель не распознан правилами ролей, поставлено regional' };
  if (new Set(roles).size > 1) return { assignee: first, assigneeReview: `в исполнителях названы ${[...new Set(roles)].join(', ')}; взят первый` };
  return { assignee: first, assigneeReview: null };
}
