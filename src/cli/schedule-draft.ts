import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DraftError, type DraftSummary, draftSchedule } from '../schedule/draft/draft.js';
import { MAX_DOCUMENT_BYTES, readRoadmapDocument } from '../schedule/draft/read-document.js';
import { type Command, type Io, UsageError } from './io.js';
import { parseOptions } from './options.js';

const USAGE = 'Usage: roadmap-bot schedule draft <file.docx|file.xlsx|file.txt> [--year YYYY] [--id ID] [--out FILE] [--sheet NAME]';

function summaryLines(summary: DraftSummary, out: string): string[] {
  return [
    `${summary.rowsRead} rows read (${summary.sections} section headings), ${summary.milestones} milestones written to ${out}`,
    `${summary.withoutDate} rows without a date, ${summary.unreadDates} with a date the parser cannot read: kept commented out ("# не включено")`,
    `${summary.toReview} fields to review ("# проверьте"); year ${summary.year} from ${summary.yearFrom}`,
  ];
}

/** `roadmap-bot schedule draft`: a roadmap document → a schedule YAML to review and check. */
export const scheduleDraft: Command = async (argv: string[], io: Io) => {
  const { values, positionals } = parseOptions(
    {
      args: argv,
      allowPositionals: true,
      options: { year: { type: 'string' }, id: { type: 'string' }, out: { type: 'string' }, sheet: { type: 'string' } },
    },
    USAGE,
  );
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`schedule draft takes exactly one file.\n\n${USAGE}`);
  if (values.year !== undefined && !/^20\d\d$/.test(values.year)) throw new UsageError(`--year: "${values.year}" is not a year such as 2024`);
  if (values.id !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.id)) {
    throw new UsageError(`--id: "${values.id}" is not a kebab-case id of a-z, 0-9 and single dashes, e.g. 500plus-saratov-2024`);
  }
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new UsageError(`Cannot read ${file}: no such file`);
  try {
    if (size > MAX_DOCUMENT_BYTES) {
      throw new DraftError(`${file} is ${Math.ceil(size / 1024 / 1024)} MB, more than a roadmap can be (${MAX_DOCUMENT_BYTES / 1024 / 1024} MB)`);
    }
    const document = await readRoadmapDocument(readFileSync(file), basename(file), { ...(values.sheet !== undefined && { sheet: values.sheet }) });
    const draft = draftSchedule(document, {
      fileName: basename(file),
      ...(values.year !== undefined && { year: Number(values.year) }),
      ...(values.id !== undefined && { id: values.id }),
    });
    if (values.out === undefined) io.out(draft.yaml);
    else writeFileSync(values.out, draft.yaml);
    io.err(summaryLines(draft.summary, values.out ?? 'stdout').join('\n'));
    return 0;
  } catch (error) {
    if (error instanceof DraftError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
};
