import { nonEmptyRows, readTable, type Table } from '../tabular/read-table.js';
import { type ColumnMap, mapHeaders, type RosterField } from './columns.js';
import { RosterError } from './issues.js';

/** One data row: its number as the spreadsheet shows it, and the value of each recognised column. */
export interface RosterRow {
  row: number;
  /** Trimmed, inner whitespace collapsed; '' for an empty cell or an absent column. */
  get(field: RosterField): string;
}

/** A roster file read and its header recognised. */
export interface RosterSheet {
  file: string;
  columns: ColumnMap;
  rows: RosterRow[];
}

/**
 * Reads a roster file (see `readTable` for the formats); the first non-empty row is the header.
 * @throws RosterError when the file cannot be read or its header is not a roster's
 */
export async function readRosterFile(path: string): Promise<RosterSheet> {
  return recogniseHeader(await readTable(path, (file, issues) => new RosterError(file, issues)));
}

function recogniseHeader(table: Table): RosterSheet {
  const { file } = table;
  const [header, ...data] = nonEmptyRows(table);
  if (!header) throw new RosterError(file, [{ message: 'the file is empty: expected a header row and one row per school' }]);
  const { columns, issues } = mapHeaders(header.cells, header.row, (i) => data.some((r) => (r.cells[i] ?? '') !== ''));
  if (issues.length > 0) throw new RosterError(file, issues);
  const rows = data.map(
    (r): RosterRow => ({
      row: r.row,
      get: (field) => {
        const index = columns.index.get(field);
        return index === undefined ? '' : (r.cells[index] ?? '');
      },
    }),
  );
  return { file, columns, rows };
}
