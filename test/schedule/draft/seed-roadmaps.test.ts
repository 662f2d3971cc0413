import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeWhen } from '../../../src/cli/schedule-when.js';
import { type Draft, draftSchedule } from '../../../src/schedule/draft/draft.js';
import { readRoadmapDocument } from '../../../src/schedule/draft/read-document.js';
import { loadScheduleFile, parseScheduleText } from '../../../src/schedule/load.js';
import type { Schedule } from '../../../src/schedule/types.js';
import { runCaptured } from '../../support/run-cli.js';
import { FEDERAL_SEED, federalDocx, SARATOV_SEED, saratovDocx } from './seed-docx.js';

/**
 * The seed roadmaps drafted from Word (and from their text export) against the schedules written by hand
 * from them: rows are matched by their source (the federal roadmap's nth dated row, the Saratov item
 * number), and their due dates compared as the bot reads them.
 */

async function draftOf(bytes: Buffer, fileName: string): Promise<Draft> {
  return draftSchedule(await readRoadmapDocument(bytes, fileName), { fileName });
}

function checked(draft: Draft): Schedule {
  const { schedule, problems } = parseScheduleText(draft.yaml, 'draft.yaml');
  expect(problems).toEqual([]);
  if (schedule === null) throw new Error('the draft does not pass schedule check');
  return schedule;
}

/** Source (without the seed's number) → due date, as `schedule when` shows it. */
function duesBySource(schedule: Schedule): Map<string, string | null> {
  return new Map(schedule.milestones.map((m) => [(m.source ?? '').replace(/^00\d /, ''), summarizeWhen(m.when).due]));
}

/** The hand-written rows whose due date the draft does not give, each with why. */
function mismatches(draft: Schedule, reference: Schedule): string[] {
  const drafted = duesBySource(draft);
  return [...duesBySource(reference)].filter(([source, due]) => drafted.get(source) !== due).map(([source]) => source);
}

const federal = loadScheduleFile('schedules/500plus-federal-2022.yaml');
const saratov = loadScheduleFile('schedules/500plus-saratov-2022.yaml');
const seedText = (file: string) => readFileSync(new URL(`../../fixtures/seeds/${file}`, import.meta.url));

describe('schedule draft on the seed roadmaps', () => {
  let federalWord: Buffer;
  let saratovWord: Buffer;
  beforeAll(async () => {
    [federalWord, saratovWord] = await Promise.all([federalDocx(), saratovDocx()]);
  });

  it('drafts the federal roadmap from Word with every due date equal to the hand-written schedule', async () => {
    const draft = await draftOf(federalWord, 'federal-2022.docx');
    const schedule = checked(draft);
    expect(schedule.milestones).toHaveLength(40);
    expect(mismatches(schedule, federal)).toEqual([]);
    expect(draft.summary).toMatchObject({ rowsRead: 40, milestones: 40, withoutDate: 0, unreadDates: 0, year: 2022 });
  });

  it('drafts the Saratov roadmap from Word with every due date equal, its sections as comments', async () => {
    const draft = await draftOf(saratovWord, 'saratov-2022.docx');
    const schedule = checked(draft);
    expect(schedule.milestones.map((m) => m.source)).toEqual(saratov.milestones.map((m) => (m.source ?? '').replace('001 ', '')));
    expect(mismatches(schedule, saratov)).toEqual([]);
    expect(draft.yaml).toContain('\n  # 4. Организация работы в информационной системе Мониторинга электронных дорожных карт\n');
    // the roadmap leaves the seminar's «…» open (п. 2.8): closed, and the reviewer told
    expect(schedule.milestones.find((m) => m.source === 'п. 2.8')?.title).toBe(saratov.milestones.find((m) => m.source === '001 п. 2.8')?.title);
    expect(draft.yaml).toMatch(/ситуации»"? +# проверьте: в исходнике кавычка « не закрыта/);
    expect(draft.summary).toMatchObject({ rowsRead: 57, sections: 6, milestones: 51, withoutDate: 0, unreadDates: 0 });
  });

  it('keeps a sub-row executor under merged cells as a second executor, and asks the curator to confirm', async () => {
    const schedule = checked(await draftOf(saratovWord, 'saratov-2022.docx'));
    const stage1 = schedule.milestones.find((m) => m.source === 'п. 4.3');
    expect(stage1).toMatchObject({
      whenText: '25.04.2022 – 01.06.2022',
      assignee: 'school',
      confirmBy: 'curator',
      executor: 'Общеобразовательные организации проекта «500+», кураторы; Кураторы, закрепленные за общеобразовательными организациями проекта «500+»',
    });
  });

  it('reads the ministry and the institute as the regional role, and the title and year of the document', async () => {
    const draft = await draftOf(saratovWord, 'saratov-2022.docx');
    const schedule = checked(draft);
    const byMinistry = schedule.milestones.filter((m) => /^(Министерство|ГАУ ДПО|Кафедра|ЦНППМ)/.test(m.executor ?? ''));
    expect(byMinistry.length).toBeGreaterThan(25);
    expect(new Set(byMinistry.map((m) => m.assignee))).toEqual(new Set(['regional']));
    expect(schedule.title).toMatch(/^Дорожная карта по оказанию методической поддержки .* в 2022 году$/);
  });

  it('drafts both text exports with at least 95 % of due dates equal; the rest are cells the export cut', async () => {
    const federalDraft = checked(await draftOf(seedText(FEDERAL_SEED), FEDERAL_SEED));
    expect(mismatches(federalDraft, federal)).toEqual([]);
    const saratovDraft = await draftOf(seedText(SARATOV_SEED), SARATOV_SEED);
    const missed = mismatches(checked(saratovDraft), saratov);
    // Item 1.5's date cell reads "(в соответствии)" at the foot of a page and "с графиком посещения)"
    // on the next: joined, its parentheses do not match, so the row stays commented out with the message.
    expect(missed).toEqual(['п. 1.5']);
    expect(saratovDraft.yaml).toMatch(/# не включено, срок не прочитан: "14\.02\.2022 – до конца года \(в соответствии\) с графиком посещения\)" is not a date/);
    expect(1 - missed.length / saratov.milestones.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('roadmap-bot schedule draft', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schedule-draft-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a Word roadmap as a file that schedule check passes as written, with a summary on stderr', async () => {
    const docx = join(dir, 'saratov-2024.docx');
    const out = join(dir, 'saratov-2024.yaml');
    writeFileSync(docx, await saratovDocx());
    const drafted = await runCaptured(['schedule', 'draft', docx, '--out', out, '--id', '500plus-saratov-2024'], {});
    expect(drafted).toMatchObject({ code: 0, out: '' });
    expect(drafted.err).toContain('57 rows read (6 section headings), 51 milestones written to');
    expect(drafted.err).toContain('0 rows without a date, 0 with a date the parser cannot read');
    expect(drafted.err).toMatch(/\d+ fields to review \("# проверьте"\); year 2022 from «в 2022 год»/);
    const check = await runCaptured(['schedule', 'check', out], {});
    expect(check).toMatchObject({ code: 0, err: '' });
    expect(check.out).toContain('500plus-saratov-2024: 51 milestones');
  });
});
