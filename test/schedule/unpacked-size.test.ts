import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RosterError } from '../../src/roster/issues.js';
import { readRosterFile } from '../../src/roster/read.js';
import { DraftError } from '../../src/schedule/draft/draft.js';
import { readRoadmapDocument } from '../../src/schedule/draft/read-document.js';
import { checkUnpackedSizes, DOCX_UNPACK_LIMITS, UnpackedSizeError, XLSX_UNPACK_LIMITS } from '../../src/schedule/unpacked-size.js';
import { sharedStringsBomb, zipOf } from '../../bench/fixtures/zip.js';

const MB = 1024 * 1024;

/** A roster workbook as Excel would save it: a header and `rows` schools, each with its own texts. */
async function rosterWorkbook(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Школы');
  sheet.addRow(['Регион', 'Муниципалитет', 'Код ОО', 'Наименование ОО', 'Куратор', 'Муниципальный координатор', 'Региональный координатор']);
  for (let i = 1; i <= rows; i += 1) {
    sheet.addRow(['Саратовская область', 'Балашовский район', `sch64${String(i).padStart(4, '0')}`, `МОУ «СОШ № ${i}»`, `Куратор ${i}`, 'Гусев Павел Михайлович', 'Горбунова Ирина Павловна']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('parts of an .xlsx or .docx unpacked and counted before reading', () => {
  let dir: string;
  let bomb: Buffer;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'unpacked-size-'));
    // 340,000 strings of 400 bytes: 136 MB, just past the limit (the bench's has 755 MB)
    bomb = sharedStringsBomb(340_000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a roster of under 1 MB whose shared strings unpack past 128 MB, before exceljs keeps them, saying so without a row', async () => {
    expect(bomb.length).toBeLessThan(MB);
    const path = join(dir, 'bomb.xlsx');
    writeFileSync(path, bomb);
    const error = await readRosterFile(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RosterError);
    expect((error as RosterError).issues).toEqual([
      { message: 'its shared strings (the texts of its cells) unpack to more than 128 MB, far beyond any roster or status table (a roster of 200,000 schools unpacks to 120 MB): refused before reading' },
    ]);
  });

  it('refuses the same workbook as a roadmap to draft a schedule from, naming the file', async () => {
    await expect(readRoadmapDocument(bomb, 'roadmap.xlsx')).rejects.toThrow(
      new DraftError('roadmap.xlsx: its shared strings (the texts of its cells) unpack to more than 128 MB, far beyond any roster or status table (a roster of 200,000 schools unpacks to 120 MB): refused before reading'),
    );
  });

  it('refuses a Word roadmap whose document unpacks past 64 MB before mammoth reads it whole', async () => {
    const size = DOCX_UNPACK_LIMITS.part + MB;
    const document = Buffer.concat([Buffer.from('<w:document><w:body><w:p><w:r><w:t>'), Buffer.alloc(size, 'Ш'), Buffer.from('</w:t></w:r></w:p></w:body></w:document>')]);
    const bomb = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'word/document.xml', data: document },
    ]);
    expect(bomb.length).toBeLessThan(MB);
    await expect(readRoadmapDocument(bomb, 'roadmap.docx')).rejects.toThrow(
      new DraftError('roadmap.docx: its part word/document.xml unpacks to more than 64 MB, far beyond any roadmap (the Saratov 2022 roadmap unpacks to 0.2 MB): refused before reading'),
    );
  });

  it('counts every part and the whole: a sheet past the part limit and a workbook past the total, each named', async () => {
    const workbook = await rosterWorkbook(300);
    await expect(checkUnpackedSizes(workbook, XLSX_UNPACK_LIMITS)).resolves.toBeUndefined();
    const part = await checkUnpackedSizes(workbook, { ...XLSX_UNPACK_LIMITS, part: 8_000 }).catch((e: unknown) => e);
    expect(part).toBeInstanceOf(UnpackedSizeError);
    expect((part as UnpackedSizeError).part).toBe('xl/worksheets/sheet1.xml');
    expect((part as UnpackedSizeError).message).toMatch(/^its part xl\/worksheets\/sheet1\.xml unpacks to more than 8 KB, /);
    const total = await checkUnpackedSizes(workbook, { ...XLSX_UNPACK_LIMITS, total: 20_000 }).catch((e: unknown) => e);
    expect(total).toBeInstanceOf(UnpackedSizeError);
    expect((total as UnpackedSizeError).message).toMatch(/^the file unpacks to more than 20 KB, /);
  });

  it('refuses a roster workbook cut short as damaged, instead of waiting for the rest of a part', async () => {
    const whole = await rosterWorkbook(300);
    const path = join(dir, 'cut.xlsx');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await readRosterFile(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RosterError);
    expect((error as RosterError).issues).toEqual([{ message: expect.stringMatching(/^cannot read .*cut\.xlsx as an \.xlsx workbook: /) as unknown }]);
  });

  it('reads a real roster workbook at the default limits', async () => {
    const path = join(dir, 'roster.xlsx');
    writeFileSync(path, await rosterWorkbook(300));
    const sheet = await readRosterFile(path);
    expect(sheet.rows).toHaveLength(300);
  });
});
