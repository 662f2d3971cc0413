/**
 * How far an .xlsx may unpack before exceljs reads it. exceljs keeps every shared string in memory before the
 * first row (where `XLSX_LIMITS` apply) and copies a worksheet that precedes them to a temporary file, so a
 * small file whose parts inflate to gigabytes (a zip bomb) would end the process or fill the disk. The parts
 * are inflated once here, counted and dropped, with the same unzip parser exceljs uses, so what is counted is
 * what exceljs would read.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import unzipper, { type Entry } from 'unzipper';

const MB = 1024 * 1024;

/**
 * Unpacked bytes: the shared strings of a 200,000-school roster take 20 MB and its sheet 99 MB; a sheet of a
 * million rows (refused at row 300,001 anyway) 413 MB.
 */
export interface InflatedLimits {
  sharedStrings: number;
  part: number;
  total: number;
}

export const XLSX_INFLATED_LIMITS: InflatedLimits = { sharedStrings: 128 * MB, part: 1024 * MB, total: 2048 * MB };

/** The workbook unpacks past `XLSX_INFLATED_LIMITS`; `part` names the zip entry where it did. */
export class XlsxSizeError extends Error {
  override name = 'XlsxSizeError';
  constructor(
    message: string,
    readonly part: string,
  ) {
    super(message);
  }
}

const SHARED_STRINGS = 'xl/sharedStrings.xml';

/** @throws XlsxSizeError past the limits; whatever unzipper throws for a file that is not a zip */
export async function checkInflatedSizes(input: string | Buffer, limits: InflatedLimits = XLSX_INFLATED_LIMITS): Promise<void> {
  const stream = typeof input === 'string' ? createReadStream(input) : Readable.from([input]);
  const zip = stream.pipe(unzipper.Parse({ forceStream: true }));
  stream.on('error', (error: Error) => zip.destroy(error));
  let total = 0;
  try {
    for await (const item of zip) {
      const entry = item as Entry;
      const limit = entry.path === SHARED_STRINGS ? limits.sharedStrings : limits.part;
      let size = 0;
      for await (const chunk of entry) {
        const length = (chunk as Buffer).length;
        size += length;
        total += length;
        if (size > limit) throw tooLarge(entry.path, limit);
        if (total > limits.total) throw tooLarge(null, limits.total);
      }
    }
  } finally {
    stream.destroy();
    zip.destroy();
  }
}

function tooLarge(part: string | null, limit: number): XlsxSizeError {
  const what = part === null ? 'the workbook unpacks' : part === SHARED_STRINGS ? 'its shared strings (the texts of its cells) unpack' : `its part ${part} unpacks`;
  return new XlsxSizeError(
    `${what} to more than ${limit >= MB ? `${Math.round(limit / MB)} MB` : `${Math.round(limit / 1024)} KB`}, far beyond any roster or status table (a roster of 200,000 schools unpacks to 120 MB): refused before reading`,
    part ?? '',
  );
}
