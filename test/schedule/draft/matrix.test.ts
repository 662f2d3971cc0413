import { describe, expect, it } from 'vitest';
import { summarizeWhen } from '../../../src/cli/schedule-when.js';
import { type Draft, draftSchedule } from '../../../src/schedule/draft/draft.js';
import { readRoadmapDocument } from '../../../src/schedule/draft/read-document.js';
import { parseScheduleText } from '../../../src/schedule/load.js';
import { matrixDocx, matrixXlsx } from './matrix-fixture.js';

async function drafted(bytes: Buffer, fileName: string, sheet?: string): Promise<Draft> {
  return draftSchedule(await readRoadmapDocument(bytes, fileName, sheet === undefined ? {} : { sheet }), { fileName });
}

/** What the bot reads of each drafted milestone: who, what kind, due when, from which cell. */
function readBack(draft: Draft) {
  const { schedule, problems } = parseScheduleText(draft.yaml, 'matrix.yaml');
  expect(problems).toEqual([]);
  return (schedule?.milestones ?? []).map((m) => [m.title, m.kind, m.assignee, summarizeWhen(m.when).due, m.source, m.executor]);
}

const EXPECTED = [
  ['Точка роста: Совещание руководителей', 'meeting', 'regional', '2023-11-30', '30.11.2023, «Точка роста»', 'Отв. Петрова А.А., ИРО'],
  ['500+: Совещание руководителей', 'meeting', 'municipal', '2023-11-30', '30.11.2023, «500+»', 'Отв. муниципальные координаторы'],
  [
    'Цифровая образовательная среда: Анкетирование учителей',
    'survey',
    'school',
    '2023-11-30',
    '30.11.2023, «Цифровая образовательная среда»',
    'Отв. руководители ОО',
  ],
  ['Точка роста: Посещение школ кураторами', 'visit', 'curator', '2024-01-25', 'до 25 января, «Точка роста»', 'Отв. кураторы'],
  [
    'Цифровая образовательная среда: Вебинар «Цифровые сервисы в работе учителя»',
    'meeting',
    'regional',
    '2024-01-25',
    'до 25 января, «Цифровая образовательная среда»',
    'Отв. ЦОКО',
  ],
  ['500+: Экспертиза программ развития школ', 'expertise', 'school', '2024-03-15', '15.03.2024, «500+»', null],
];

describe('schedule draft on a date × project matrix', () => {
  it('makes each filled project cell a milestone named by its project, with the «Отв.» row as executor', async () => {
    const draft = await drafted(await matrixDocx(), 'plan-2024.docx');
    expect(readBack(draft)).toEqual(EXPECTED);
    expect(draft.summary).toMatchObject({ rowsRead: 8, sections: 1, milestones: 6, unreadDates: 1, year: 2024, yearFrom: '«на 2024 год»' });
  });

  it('keeps a month heading as a comment and an impossible date commented out with the parser message', async () => {
    const { yaml } = await drafted(await matrixDocx(), 'plan-2024.docx');
    expect(yaml).toContain('\n  # Январь\n');
    expect(yaml).toContain('  # не включено, срок не прочитан: "31 февраля" is not a date (February 2024 has 29 days):\n  # - id: tochka-rosta-monitoring-poseshhaemosti\n');
  });

  it('marks the guesses no keyword settled with # проверьте', async () => {
    const { yaml } = await drafted(await matrixDocx(), 'plan-2024.docx');
    expect(yaml).toContain('kind: expertise   # проверьте: по «экспертиз»; в названии есть и «программ развития» (plan_submission)');
    expect(yaml).toContain('assignee: school   # проверьте: в таблице нет исполнителя, угадано по описанию');
    expect(yaml).toContain('time_zone: Europe/Moscow   # проверьте:');
  });

  it('reads the same matrix from the named sheet of an Excel workbook, merged cells included', async () => {
    const draft = await drafted(await matrixXlsx(), 'plan-2024.xlsx', 'План');
    expect(readBack(draft)).toEqual(EXPECTED);
  });
});
