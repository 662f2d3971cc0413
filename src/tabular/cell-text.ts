/**
 * Text written into the CSV and XLSX files the project produces, so that Excel shows it as the text it is:
 * a cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return would otherwise be read as a formula
 * (OWASP "CSV injection": `=HYPERLINK(...)`, `+7-1+cmd|...`). Every writer goes through this one file.
 */
import type ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet would take this text for a formula when it opens the file. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * One CSV field: text that starts like a formula gets a leading apostrophe (Excel's own mark for "this is
 * text"), and a field holding the delimiter, a quote, a line break or that apostrophe is quoted. Numbers
 * are data and pass as they are; null is an empty field.
 */
export function csvField(value: string | number | null, delimiter = ';'): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = startsLikeFormula(value) ? `'${value}` : value;
  const mustQuote = text !== value || text.includes(delimiter) || /["\r\n]/.test(text);
  return mustQuote ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes text into an XLSX cell as a string cell; one that starts like a formula also gets the Text number
 * format (`@`), so it stays text when someone edits the cell, and no apostrophe shows in the value.
 */
export function setXlsxText(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  if (startsLikeFormula(text)) cell.numFmt = '@';
}
