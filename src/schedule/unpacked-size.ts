/**
 * How far an .xlsx or .docx may unpack before its reader opens it. exceljs keeps every shared string in memory
 * before the first row (where `XLSX_LIMITS` apply) and copies a worksheet that precedes them to a temporary
 * file; mammoth reads a Word document's XML whole. A small file whose parts inflate to gigabytes (a zip bomb)
 * would end the process or fill the disk. The parts are inflated once here, counted and dropped, with the
 * unzip parser exceljs itself uses, so what is counted is what it would read.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import unzipper, { type Entry } from 'unzipper';

const MB = 1024 * 1024;

export interface UnpackLimits {
  /** Parts with a limit of their own, by path in the zip, with how a message names them («… unpack»). */
  named: Readonly<Record<string, { bytes: number; says: string }>>;
  /** Any other part. */
  part: number;
  total: number;
  /** What a real file of the kind unpacks to, for the message. */
  typical: string;
}

/**
 * The shared strings of a 200,000-school roster take 20 MB and its sheet 99 MB; a sheet of a million rows
 * (refused at row 300,001 anyway) 413 MB.
 */
export const XLSX_UNPACK_LIMITS: UnpackLimits = {
  named: { 'xl/sharedStrings.xml': { bytes: 128 * MB, says: 'its shared strings (the texts of its cells) unpack' } },
  part: 1024 * MB,
  total: 2048 * MB,
  typical: 'far beyond any roster or status table (a roster of 200,000 schools unpacks to 120 MB)',
};

/** The Saratov 2022 roadmap's document.xml is 0.14 MB; pictures are stored nearly as they are (a file is ≤ 50 MB). */
export const DOCX_UNPACK_LIMITS: UnpackLimits = {
  named: {},
  part: 64 * MB,
  total: 256 * MB,
  typical: 'far beyond any roadmap (the Saratov 2022 roadmap unpacks to 0.2 MB)',
};

/** The file unpacks past its limits; `part` names the zip entry where it did (empty: the whole). */
export class UnpackedSizeError extends Error {
  override name = 'UnpackedSizeError';
  constructor(
    message: string,
    readonly part: string,
  ) {
    super(message);
  }
}

/** @throws UnpackedSizeError past the limits; whatever unzipper throws for a file that is not a zip */
export async function checkUnpackedSizes(input: string | Buffer, limits: UnpackLimits): Promise<void> {
  const stream = typeof input === 'string' ? createReadStream(input) : Readable.from([input]);
  const zip = stream.pipe(unzipper.Parse({ forceStream: true }));
  stream.on('error', (error: Error) => zip.destroy(error));
  // a file cut short ends the parser with FILE_ENDED, but the part it was inside (or is yet to hand over)
  // would wait for more forever
  const parser: { failure: Error | null; current: Entry | null } = { failure: null, current: null };
  zip.on('error', (error: Error) => {
    parser.failure = error;
    parser.current?.destroy(error);
  });
  let total = 0;
  try {
    for await (const item of zip) {
      const entry = item as Entry;
      if (parser.failure !== null) throw parser.failure;
      parser.current = entry;
      const own = limits.named[entry.path];
      const limit = own?.bytes ?? limits.part;
      let size = 0;
      for await (const chunk of entry) {
        const length = (chunk as Buffer).length;
        size += length;
        total += length;
        if (size > limit) throw tooLarge(own?.says ?? `its part ${entry.path} unpacks`, entry.path, limit, limits);
        if (total > limits.total) throw tooLarge('the file unpacks', '', limits.total, limits);
      }
    }
  } finally {
    stream.destroy();
    zip.destroy();
  }
}

function tooLarge(says: string, part: string, limit: number, limits: UnpackLimits): UnpackedSizeError {
  const size = limit >= MB ? `${Math.round(limit / MB)} MB` : `${Math.round(limit / 1024)} KB`;
  return new UnpackedSizeError(`${says} to more than ${size}, ${limits.typical}: refused before reading`, part);
}
