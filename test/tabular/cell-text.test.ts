import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvField, setXlsxText, startsLikeFormula } from '../../src/tabular/cell-text.js';

const FORMULAS = ['=HYPERLINK("http://x.example/?a=1","нажмите")', '+7-1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];

describe('csvField', () => {
  it.each(FORMULAS)('writes %j as text that Excel will not evaluate: an apostrophe first, quoted', (text) => {
    const field = csvField(text);
    expect(field.startsWith(`"'`)).toBe(true);
    // a CSV reader gets back the text with the apostrophe Excel hides, nothing lost
    expect(parse(`${field}\n`, { delimiter: ';' })).toEqual([[`'${text}`]]);
  });

  it('leaves ordinary text, numbers and empty cells as they are, quoting only what holds ; " or a line break', () => {
    expect(csvField('МОУ СОШ № 1')).toBe('МОУ СОШ № 1');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
    expect(csvField('СОШ «Лицей»; корпус 2')).toBe('"СОШ «Лицей»; корпус 2"');
    expect(csvField('Школа "Юность"')).toBe('"Школа ""Юность"""');
    expect(csvField('a,b', ',')).toBe('"a,b"');
  });
});

describe('setXlsxText', () => {
  it('writes formula-looking text as a text cell with the Text format, and plain text as a plain string', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    FORMULAS.forEach((text, i) => setXlsxText(sheet.getCell(i + 1, 1), text));
    setXlsxText(sheet.getCell(1, 2), 'МОУ СОШ № 1');
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(await workbook.xlsx.writeBuffer());
    const back = read.worksheets[0];
    FORMULAS.forEach((text, i) => {
      const cell = back?.getCell(i + 1, 1);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      // XML reads a carriage return as a line feed
      expect(cell?.value).toBe(text.replaceAll('\r', '\n'));
      expect(cell?.numFmt).toBe('@');
    });
    expect(back?.getCell(1, 2).value).toBe('МОУ СОШ № 1');
    expect(back?.getCell(1, 2).numFmt).toBeUndefined();
  });
});

describe('startsLikeFormula', () => {
  it('is true for = + - @ tab and CR first, and false for anything else', () => {
    expect(FORMULAS.every(startsLikeFormula)).toBe(true);
    expect(['', 'СОШ', ' =1', '640001', "'=1"].some(startsLikeFormula)).toBe(false);
  });
});
