/** One thing wrong in a schedule file, pointing at the offending value. */
export interface ScheduleProblem {
  file: string;
  /** 1-based; null when the file itself could not be read. */
  line: number | null;
  col: number | null;
  /** Field path like `milestones[7].when`; empty for problems with the document as a whole. */
  path: string;
  message: string;
}

/** `file:line:col field.path: message`, the shape editors and terminals turn into links. */
export function formatProblem(problem: ScheduleProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}:${problem.col ?? 1}`;
  return problem.path === '' ? `${where} ${problem.message}` : `${where} ${problem.path}: ${problem.message}`;
}

/** Every problem found in one or more schedule files, listed all at once. */
export class ScheduleFileError extends Error {
  override name = 'ScheduleFileError';

  constructor(readonly problems: ScheduleProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}
