/** A field of the draft: a value written as YAML, and what the reviewer should check about it. */
export interface DraftField {
  key: string;
  /** A string (written double-quoted), a number, or a flow sequence of plain words. */
  value: string | number | readonly string[];
  /** The `# проверьте: …` note, when a keyword did not settle the value. */
  review?: string;
  /** Written without quotes: ids, enum values, zones. */
  plain?: boolean;
}

export interface DraftMilestone {
  fields: DraftField[];
  /** Why the milestone is written commented out (its date cannot be read), or null. */
  disabled: string | null;
}

export type DraftLine = { type: 'section'; title: string } | { type: 'milestone'; milestone: DraftMilestone };

export interface DraftFile {
  /** Comment lines at the top. */
  preface: string[];
  fields: DraftField[];
  /** Shown commented out after the fields: optional settings the reviewer may add. */
  hints: string[];
  body: DraftLine[];
}

/**
 * The schedule YAML, written by hand rather than by a YAML library because the comments are the point:
 * section headings, `# проверьте` notes and commented-out rows. Strings are JSON strings, which are
 * valid double-quoted YAML scalars.
 */
export function writeYaml(file: DraftFile): string {
  const lines = [
    ...file.preface.map((line) => `# ${line}`),
    ...file.fields.map((field) => fieldLine(field, '')),
    ...file.hints.map((line) => `# ${line}`),
    'milestones:',
  ];
  for (const line of file.body) {
    if (line.type === 'section') {
      lines.push('', `  # ${line.title}`);
      continue;
    }
    const { fields, disabled } = line.milestone;
    const written = fields.map((field, i) => fieldLine(field, i === 0 ? '  - ' : '    '));
    if (disabled === null) lines.push(...written);
    else lines.push(`  # не включено, ${disabled}:`, ...written.map((text) => `  # ${text.slice(2)}`));
  }
  return `${lines.join('\n')}\n`;
}

function fieldLine(field: DraftField, indent: string): string {
  const { value } = field;
  const scalar =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? (field.plain ? value : JSON.stringify(value)) : `[${value.join(', ')}]`;
  const review = field.review === undefined ? '' : `   # проверьте: ${field.review.replace(/\s+/g, ' ')}`;
  return `${indent}${field.key}: ${scalar}${review}`;
}
