import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { listNotifications } from '../../src/db/notifications.js';
import { pendingQuestion } from '../../src/db/pending-questions.js';
import { getStatus, loadStatusEvents } from '../../src/db/statuses.js';
import { CHART_WIDTH, chartHeight } from '../../src/bot/progress-chart.js';
import { decodePng } from '../support/png.js';
import { startWorld, tg, type World } from './fixture.js';

const item = (w: World, schoolId: number) => ({ scheduleId: 'test-500plus', occurrenceKey: 'concept-docs', subject: { type: 'school' as const, id: schoolId } });

describe('bot: coordinators', () => {
  let w: World;
  afterEach(async () => w.stop());

  it('answers a municipal status prompt with each button', async () => {
    w = await startWorld({ now: '2022-06-03T08:00' });
    const { municipalBalakovo, curatorIvanova, regionalSaratov } = w.roster.person;
    const { b1, b2 } = w.roster.school;
    await w.register(municipalBalakovo, curatorIvanova, regionalSaratov);
    await w.deliver();
    const prompt = w.emu.sent(tg(municipalBalakovo)).at(-1)!;
    expect(prompt.text).toContain('Отстаёт');

    // «Напомнить куратору»: the curator is nudged now, no status changes
    const curatorBefore = w.emu.sent(tg(curatorIvanova)).length;
    expect(await w.answerTo(w.press(tg(municipalBalakovo), prompt, '1. Напомнить куратору'))).toContain('отправлено');
    const nudge = await w.until(() => w.emu.sent(tg(curatorIvanova))[curatorBefore], 'nudge');
    expect(nudge.text).toContain('Соколова Елена Викторовна просит обратить внимание');
    expect(getStatus(w.store, item(w, b1))).toBeNull();

    // «Проблема»: a reason is asked, kept in SQLite, and forwarded to the curator and the region
    await w.answerTo(w.press(tg(municipalBalakovo), prompt, '2. Проблема'));
    await w.until(() => pendingQuestion(w.store, municipalBalakovo)?.kind === 'problem_reason', 'question stored');
    w.text(tg(municipalBalakovo), 'Директор на больничном');
    const report = await w.until(() => w.emu.sent(tg(regionalSaratov)).find((m) => m.text?.includes('Директор на больничном')), 'problem report');
    expect(report.text).toContain('сообщает о проблеме');
    expect(pendingQuestion(w.store, municipalBalakovo)).toBeNull();
    // ...and stays on the item as its comment, with an audit event that leaves the status as it was
    expect(getStatus(w.store, item(w, b2))).toMatchObject({ status: 'pending', comment: 'Директор на больничном', updatedBy: municipalBalakovo });
    expect(loadStatusEvents(w.store, item(w, b2)).map((e) => [e.from, e.to, e.comment])).toEqual([['pending', 'pending', 'Директор на больничном']]);

    // «В работе до …»: a date is asked; a bad one is asked again, a good one becomes the promise
    await w.answerTo(w.press(tg(municipalBalakovo), prompt, '2. В работе до …'));
    await w.until(() => pendingQuestion(w.store, municipalBalakovo)?.kind === 'planned_date', 'date question');
    w.text(tg(municipalBalakovo), 'когда-нибудь');
    await w.until(() => w.emu.sent(tg(municipalBalakovo)).some((m) => m.text?.includes('Не понял дату')), 'bad date');
    w.text(tg(municipalBalakovo), '10.06');
    await w.until(() => getStatus(w.store, item(w, b2))?.plannedDate === '2022-06-10', 'promise');
    expect(getStatus(w.store, item(w, b2))?.status).toBe('in_progress');

    // the school card shows the promise and the problem
    const cardBefore = w.emu.sent(tg(municipalBalakovo)).length;
    w.text(tg(municipalBalakovo), '/school 640002');
    // the answer to the date may still be on its way: the card is the message that starts with the school
    const card = await w.until(() => w.emu.sent(tg(municipalBalakovo)).slice(cardBefore).find((m) => m.text?.startsWith('МОУ СОШ № 2')), 'school card');
    expect(card.text).toContain('Планируют завершить к 10.06.2022');
    expect(card.text).toContain('Комментарий: Директор на больничном');
    // ...and who set the status, by name
    expect(card.text).toMatch(/Отметил\(а\): Соколова Елена Викторовна, \d\d\.\d\d\.2022/);

    // «Сделано» on an upload that needs the curator: the coordinator's word confirms it
    expect(await w.answerTo(w.press(tg(municipalBalakovo), prompt, '1. Сделано'))).toBe('Записано.');
    expect(getStatus(w.store, item(w, b1))?.status).toBe('confirmed');
    expect(getStatus(w.store, item(w, b1))?.updatedBy).toBe(municipalBalakovo);
  });

  it('keeps a typed question across a bot restart', async () => {
    w = await startWorld({ now: '2022-06-03T08:00' });
    const { municipalBalakovo } = w.roster.person;
    await w.register(municipalBalakovo);
    await w.deliver();
    const prompt = w.emu.sent(tg(municipalBalakovo)).at(-1)!;
    await w.answerTo(w.press(tg(municipalBalakovo), prompt, '1. В работе до …'));
    await w.until(() => pendingQuestion(w.store, municipalBalakovo), 'question');
    await w.running.stop();
    const { startBot } = await import('../../src/bot/launch.js');
    w.running = await startBot(w.deps);
    w.text(tg(municipalBalakovo), '15.06.2022');
    await w.until(() => getStatus(w.store, item(w, w.roster.school.b1))?.plannedDate === '2022-06-15', 'promise after restart');
  });

  it('lists lagging schools by municipality and exports every school × milestone as XLSX', async () => {
    w = await startWorld({ now: '2022-06-06T08:00' });
    const { regionalSaratov } = w.roster.person;
    await w.register(regionalSaratov);
    await w.deliver();
    const digest = w.emu.sent(tg(regionalSaratov)).find((m) => m.text?.startsWith('Сводка по региону'))!;
    await w.answerTo(w.press(tg(regionalSaratov), digest, 'Отстающие по муниципалитетам'));
    const lagging = await w.until(() => w.emu.sent(tg(regionalSaratov)).find((m) => m.text?.startsWith('Отстающие по муниципалитетам')), 'lagging');
    expect(lagging.text).toContain('Балаковский район: школ — 2, вопросов — 2');
    expect(lagging.text).toContain('Энгельсский район: школ — 1, вопросов — 1');
    expect(lagging.text).not.toContain('Елизовский');

    await w.answerTo(w.press(tg(regionalSaratov), digest, 'Выгрузить XLSX'));
    const sent = await w.until(() => w.emu.sent(tg(regionalSaratov)).find((m) => m.method === 'sendDocument'), 'document');
    expect(sent.document?.filename).toBe('statuses-2022-06-06.xlsx');
    expect(sent.text).toContain('строк: 3');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(sent.document!.bytes).buffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows[0]).toEqual(['Код школы', 'Школа', 'Муниципалитет', 'Этап', 'Срок', 'Статус', 'Планируемая дата', 'Комментарий', 'Изменено']);
    // every Saratov school once for the one milestone, none from Kamchatka
    expect(rows.slice(1).map((r) => [r[0], r[3], r[4], r[5]])).toEqual([
      ['640001', 'Размещение концептуальных документов', '2022-06-01', 'не начато'],
      ['640002', 'Размещение концептуальных документов', '2022-06-01', 'не начато'],
      ['640101', 'Размещение концептуальных документов', '2022-06-01', 'не начато'],
    ]);
  });

  it('gives a municipal coordinator a one-screen Monday digest whose button lists their own lagging schools', async () => {
    w = await startWorld({ now: '2022-06-06T08:00' });
    const { municipalBalakovo } = w.roster.person;
    await w.register(municipalBalakovo);
    await w.deliver();
    const digest = w.emu.sent(tg(municipalBalakovo)).find((m) => m.text?.includes('Сводка по муниципалитету «Балаковский район»'));
    expect(digest?.text?.length).toBeLessThanOrEqual(1500);
    expect(digest?.text).toMatch(/: 0 из 2 \(0 %\) · срок 01\.06 · \+0 за неделю/);
    await w.answerTo(w.press(tg(municipalBalakovo), digest!, 'Отстающие школы'));
    const lagging = await w.until(() => w.emu.sent(tg(municipalBalakovo)).find((m) => m.text?.startsWith('Отстающие школы')), 'lagging schools');
    expect(lagging.text).toContain('(640001) — 1 пункт');
    expect(lagging.text).toContain('(640002) — 1 пункт');
    expect(lagging.text).not.toContain('640101');
  });

  it('names in the digests who has not started the bot yet, within the coordinator\'s scope', async () => {
    w = await startWorld({ now: '2022-06-06T08:00' });
    const { municipalBalakovo, regionalSaratov, repB1 } = w.roster.person;
    await w.register(municipalBalakovo, regionalSaratov, repB1);
    await w.deliver();
    const municipal = w.emu.sent(tg(municipalBalakovo)).find((m) => m.text?.includes('Сводка по муниципалитету'));
    expect(municipal?.text).toMatch(/\n\nНе подключились к боту: 1 — Кузнецов Олег Иванович\.$/);
    const regional = w.emu.sent(tg(regionalSaratov)).find((m) => m.text?.startsWith('Сводка по региону'));
    // the region's curator and the other municipality's coordinator have not joined either; Kamchatka is not its scope
    expect(regional?.text).toMatch(/\n\nНе подключились к боту: 3 — [^\n]*Кузнецов Олег Иванович[^\n]*\.$/);
    expect(regional?.text).not.toContain('Лебедева');
  });

  it('sends the weekly regional digest with its progress chart as a photo right after the text, one bundle', async () => {
    w = await startWorld({ now: '2022-06-06T08:00' });
    const { regionalSaratov } = w.roster.person;
    await w.register(regionalSaratov);
    await w.deliver();
    const sent = w.emu.sent(tg(regionalSaratov));
    const at = sent.findIndex((m) => m.text?.includes('Сводка по региону'));
    const photo = sent[at + 1];
    expect(photo?.method).toBe('sendPhoto');
    expect(photo?.document?.filename).toBe('progress-2022-06-06.png');
    expect(decodePng(photo!.document!.bytes)).toMatchObject({ width: CHART_WIDTH, height: chartHeight(1) });
    expect(photo?.text).toContain('красным — срок прошёл');
    // one bundle: the digest's row records the message that went out by its first part
    const rows = listNotifications(w.store, { personId: regionalSaratov }).filter((r) => r.kind === 'digest_regional');
    expect(rows.map((r) => [r.state, r.telegramMessageId])).toEqual([['sent', sent[at]?.messageId]]);
    expect(sent.filter((m) => m.method === 'sendPhoto')).toHaveLength(1);
  });

  it('sends the regional digest\'s progress chart again as a PNG photo on «График выполнения»', async () => {
    w = await startWorld({ now: '2022-06-06T08:00' });
    const { regionalSaratov } = w.roster.person;
    await w.register(regionalSaratov);
    await w.deliver();
    const digest = w.emu.sent(tg(regionalSaratov)).find((m) => m.text?.startsWith('Сводка по региону'));
    const before = w.emu.sent(tg(regionalSaratov)).length;
    await w.answerTo(w.press(tg(regionalSaratov), digest!, 'График выполнения'));
    const photo = await w.until(() => w.emu.sent(tg(regionalSaratov)).slice(before).find((m) => m.method === 'sendPhoto'), 'photo');
    expect(photo.document?.filename).toBe('progress-2022-06-06.png');
    expect(decodePng(photo.document!.bytes)).toMatchObject({ width: CHART_WIDTH, height: chartHeight(1) });
    expect(photo.text).toContain('красным — срок прошёл');
  });

  it('answers /digest with the digest as of now, then the names behind its counts', async () => {
    w = await startWorld({ now: '2022-06-08T10:00' });
    const { regionalSaratov } = w.roster.person;
    await w.register(regionalSaratov);
    w.text(tg(regionalSaratov), '/digest');
    const reply = await w.until(() => w.emu.sent(tg(regionalSaratov)).find((m) => m.text?.startsWith('Сводка по региону')), 'digest reply');
    expect(reply.text).toMatch(/^Сводка по региону «[^»]+» на 8 июня\n\n[^\n]+: 0 из 3 \(0 %\) · срок 01\.06/);
    expect(reply.text).toContain('Больше всего просрочено:\nБалаковский район — 2 пункта у 2 школ');
    expect(reply.text).toContain('Отстающие по муниципалитетам');
  });
});
