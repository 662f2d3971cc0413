import { FileNotImportedError, type RowIssue } from '../tabular/row-issues.js';

/** A roster file that cannot be imported; `issues` lists every problem found, in row order. */
export class RosterError extends FileNotImportedError {
  override name = 'RosterError';
  constructor(file: string, issues: RowIssue[]) {
    super('Roster', file, issues);
  }
}
