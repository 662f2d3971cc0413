/**
 * Problems of a spreadsheet-like file (the roster, a status CSV) and the all-or-nothing error that
 * lists them, so both importers point at a row and column the same way.
 */

/** One problem of a file: the row as a spreadsheet numbers it (header = row 1 in a plain sheet) and the column, when known. */
export interface RowIssue {
  row?: number;
  /** The column header as written in the file. */
  column?: string;
  message: string;
}

/** Where and what, e.g. `roster.csv: row 7, column "Регион": unknown region "Саратовскя"`. */
function formatIssue(file: string, issue: RowIssue): string {
  const where = [
    issue.row === undefined ? undefined : `row ${issue.row}`,
    issue.column === undefined ? undefined : `column "${issue.column}"`,
  ].filter((part) => part !== undefined);
  return `${file}: ${where.length > 0 ? `${where.join(', ')}: ` : ''}${issue.message}`;
}

/**
 * A file that was not imported at all; `issues` lists every problem found. The message is
 * `<what> <file> not imported, N problems:` followed by one indented line per issue.
 */
export class FileNotImportedError extends Error {
  override name = 'FileNotImportedError';
  constructor(
    what: string,
    readonly file: string,
    readonly issues: RowIssue[],
  ) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${what} ${file} not imported, ${count}:\n${issues.map((i) => `  ${formatIssue(file, i)}`).join('\n')}`);
  }
}
