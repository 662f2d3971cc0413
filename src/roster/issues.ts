/** One problem found in a roster file; `row` is the spreadsheet row (header = row 1 in a plain sheet). */
export interface RosterIssue {
  row?: number;
  /** The column header as written in the file. */
  column?: string;
  message: string;
}

/** Where and what, e.g. `roster.csv: row 7, column "Регион": unknown region "Саратовскя"`. */
export function formatIssue(file: string, issue: RosterIssue): string {
  const where = [
    issue.row === undefined ? undefined : `row ${issue.row}`,
    issue.column === undefined ? undefined : `column "${issue.column}"`,
  ].filter((part) => part !== undefined);
  return `${file}: ${where.length > 0 ? `${where.join(', ')}: ` : ''}${issue.message}`;
}

/** A roster file that cannot be imported; `issues` lists every problem found, in row order. */
export class RosterError extends Error {
  override name = 'RosterError';
  constructor(
    readonly file: string,
    readonly issues: RosterIssue[],
  ) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`Roster ${file} not imported, ${count}:\n${issues.map((i) => `  ${formatIssue(file, i)}`).join('\n')}`);
  }
}
