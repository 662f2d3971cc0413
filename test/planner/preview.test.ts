import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { loadRoster } from '../../src/db/roster.js';
import { loadStatuses } from '../../src/db/statuses.js';
import { runCaptured } from '../support/run-cli.js';

interface PreviewLine {
  recipientId: number;
  role: string;
  localSendTime: string;
  kinds: string[];
  text: string;
  buttons: { label: string; action: string }[][];
  photo?: string;
}

describe('roadmap-bot preview', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let lines: PreviewLine[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-preview-'));
    env = { DATABASE_PATH: join(dir, 'roadmap.db'), SCHEDULES_DIR: 'schedules', NOW: '2022-05-19T12:00:00+04:00' };
    const imported = await runCaptured(['roster', 'import', 'data/demo/roster.csv'], env);
    expect(imported.code).toBe(0);
    const run = await runCaptured(['preview', '--from', '20.05.2022', '--to', '2022-06-10', '--statuses', 'data/demo/statuses.csv', '--json'], env);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    lines = run.out.split('\n').map((line) => JSON.parse(line) as PreviewLine);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const day = (line: PreviewLine) => line.localSendTime.slice(0, 10);

  it('shows the curators\' "confirm by 01.06" nudges for submitted stage 1 documents', () => {
    const nudges = lines.filter((l) => l.role === 'curator' && l.kinds.includes('confirm_reminder') && day(l) <= '2022-06-01');
    expect(nudges.length).toBeGreaterThan(5);
    expect(nudges.some((l) => /: документы по пункту «Мониторинг 1 этапа в ИС МЭДК» ждут вашего решения\. Подтвердите или верните их до 01\.06\./.test(l.text))).toBe(true);
    expect(nudges.flatMap((l) => l.buttons.flat().map((b) => b.action))).toEqual(expect.arrayContaining(['confirm', 'return']));
  });

  it('shows the municipal coordinators\' status prompts after 01.06', () => {
    const prompts = lines.filter((l) => l.role === 'municipal' && l.kinds.includes('status_prompt'));
    expect(prompts.length).toBeGreaterThan(5);
    expect(prompts.every((l) => day(l) > '2022-06-01')).toBe(true);
    expect(prompts.flatMap((l) => l.buttons.flat().map((b) => b.label))).toEqual(expect.arrayContaining(['Напомнить куратору']));
  });

  it('shows the regional digest with the stage 1 indicator by its short name and the municipalities that lag most', () => {
    const digests = lines.filter((l) => l.role === 'regional' && l.kinds.includes('digest_regional') && day(l) > '2022-06-01');
    const text = digests.map((l) => l.text).join('\n');
    expect(text).toMatch(/\nДокументы 1 этапа размещены и подтверждены: 30 из 53 \(56 %\) · срок 01\.06 · /);
    expect(text).toMatch(/Больше всего просрочено:\n[^\n]+ район — \d+ пункт/);
  });

  it('sends the Monday regional and municipal digests of the demo on one screen each, with their buttons', () => {
    const monday = lines.filter((l) => day(l) === '2022-06-06' && l.kinds.some((k) => k.startsWith('digest')));
    expect(new Set(monday.map((l) => l.role))).toEqual(new Set(['regional', 'municipal']));
    for (const l of monday) {
      expect(l.text.length).toBeLessThanOrEqual(1500);
      for (const line of l.text.split('\n').filter((x) => x.includes(' · срок '))) expect(line.length).toBeLessThanOrEqual(100);
      expect(l.buttons.flat().map((b) => b.action)).toContain(l.role === 'regional' ? 'lagging_by_municipality' : 'lagging_schools');
    }
    // one message per coordinator that day
    const people = monday.map((l) => l.recipientId);
    expect(new Set(people).size).toBe(people.length);
  });

  it('shows the chart that follows each weekly regional digest, and none after anything else', () => {
    const charted = lines.filter((l) => l.photo !== undefined);
    expect(charted.length).toBeGreaterThan(0);
    for (const l of charted) {
      expect(l.kinds).toContain('digest_regional');
      expect(l.photo).toBe(`progress-${day(l)}.png`);
    }
    expect(lines.filter((l) => l.kinds.includes('digest_regional') && l.photo === undefined)).toEqual([]);
  });

  it('names the chart after the regional digest\'s text and buttons when printing text', async () => {
    const run = await runCaptured(['preview', '--from', '06.06.2022', '--to', '06.06.2022'], env);
    expect(run.code).toBe(0);
    const caption = 'Доля выполненного по показателям сводки; красным — срок прошёл, а выполнены не все.';
    // one block per message, from its «HH:mm zone → who» line on
    const blocks = run.out.split(/\n(?=\d\d:\d\d \S+ → )/).filter((b) => b.includes('[диаграмма: '));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(block).toMatch(/^\d\d:\d\d \S+ → .+ \(regional #\d+\)\n/);
      expect(block).toContain('Сводка по региону');
      expect(block.trimEnd().endsWith(`]\n[диаграмма: progress-2022-06-06.png]\n${caption}`)).toBe(true);
    }
  }, 60_000);

  it('gives the Saratov regional coordinator one item a day about the regional expertise of all 53 schools, and Sverdlovsk nothing of it', () => {
    const expertise = 'Региональная содержательная экспертиза подтверждающих документов в рамках проведения 1 мониторинга';
    const regional = lines.filter((l) => l.role === 'regional' && !l.kinds.every((k) => k.startsWith('digest')) && l.text.includes(expertise));
    // the window opens on 24.05, after the week-ahead reminder's day: then the deadline day and the day after
    expect(regional.map((l) => day(l))).toEqual(['2022-05-24', '2022-05-30', '2022-05-31']);
    for (const l of regional) expect(l.text.split(expertise)).toHaveLength(2);
    expect(regional[1]?.text).toContain('53 школы ждут, срок — до 30.05. Срок истекает сегодня, в конце дня.');
    const sverdlovsk = lines.filter((l) => l.text.includes('Свердловская область'));
    expect(sverdlovsk.length).toBeGreaterThan(0);
    for (const l of sverdlovsk) expect(l.text).not.toMatch(/экспертиза подтверждающих документов в рамках проведения 1 мониторинга/);
  });

  it('tells returned schools at once with the curator\'s comment', () => {
    const returned = lines.filter((l) => l.role === 'school' && l.kinds.includes('returned'));
    expect(returned.length).toBeGreaterThan(0);
    expect(returned.some((l) => l.text.includes('Комментарий куратора:'))).toBe(true);
  });

  it('sends every message inside 09:00–20:00 local time', () => {
    for (const l of lines) expect(l.localSendTime.slice(11, 16) >= '09:00' && l.localSendTime.slice(11, 16) <= '20:00').toBe(true);
  });

  it('leaves the database as it was: the statuses file is only laid over it', () => {
    const store = openStore(env.DATABASE_PATH ?? '');
    try {
      expect(loadStatuses(store)).toEqual([]);
      expect(loadRoster(store).schools).toHaveLength(59);
    } finally {
      store.close();
    }
  });

  it('rejects a malformed date with a usage message', async () => {
    const run = await runCaptured(['preview', '--from', '2022-13-01', '--to', '2022-06-10'], env);
    expect(run.code).toBe(1);
    expect(run.err).toContain('--from "2022-13-01": expected a date as YYYY-MM-DD or DD.MM.YYYY');
  });
});
