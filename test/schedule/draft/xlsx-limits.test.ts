import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../support/run-cli.js';
import { matrixXlsx } from './matrix-fixture.js';

describe('roadmap-bot schedule draft on an Excel sheet past its limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schedule-draft-limits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The matrix fixture's «План» sheet with `change` done to it, drafted from that sheet. */
  async function draftWith(name: string, change: (sheet: ExcelJS.Worksheet) => void) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await matrixXlsx()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('План');
    if (sheet === undefined) throw new Error('the fixture has no sheet «План»');
    change(sheet);
    const file = join(dir, name);
    const out = join(dir, `${name}.yaml`);
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const run = await runCaptured(['schedule', 'draft', file, '--out', out, '--sheet', 'План'], {});
    return { ...run, written: existsSync(out) };
  }

  it('refuses a stray value at column XFD in one sentence, without reading the empty columns before it', async () => {
    const run = await draftWith('stray.xlsx', (sheet) => {
      sheet.getCell('XFD3').value = 'x';
    });
    expect(run).toMatchObject({ code: 1, out: '', written: false });
    expect(run.err).toMatch(/^stray\.xlsx: a value at column XFD \(16384\), past the 256-column limit \(IV\): delete the cells right of the table$/);
  });

  it('drafts the sheet as before when a formatted but empty cell sits at column XFD', async () => {
    const plain = await draftWith('plain.xlsx', () => undefined);
    const styled = await draftWith('styled.xlsx', (sheet) => {
      sheet.getCell('XFD3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    });
    expect(plain.code).toBe(0);
    expect(styled).toMatchObject({ code: 0, written: true });
    expect(styled.err.replaceAll('styled.xlsx', 'plain.xlsx')).toBe(plain.err);
  });
});
