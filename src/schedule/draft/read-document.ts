import iconv from 'iconv-lite';
import { DraftError } from './draft.js';
import type { RoadmapDocument } from './document.js';
import { readDocx } from './read-docx.js';
import { readTxt } from './read-txt.js';
import { XlsxLimitError } from '../xlsx-grid.js';
import { checkUnpackedSizes, DOCX_UNPACK_LIMITS, UnpackedSizeError } from '../unpacked-size.js';
import { MissingSheetError, readXlsx } from './read-xlsx.js';

/** Larger files are refused before they are read: a roadmap is a few hundred kilobytes. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** An OLE compound file: an encrypted .docx/.xlsx, or an old binary .doc/.xls. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Reads a roadmap from its bytes by the file's extension, checking first that the bytes are what the
 * extension says; anything it cannot read is a {@link DraftError} of one sentence.
 */
export async function readRoadmapDocument(bytes: Buffer, fileName: string, options: { sheet?: string } = {}): Promise<RoadmapDocument> {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'txt') return readTxt(decodeText(bytes, fileName));
  if (extension !== 'docx' && extension !== 'xlsx') {
    throw new DraftError(`${fileName} is not a Word (.docx), Excel (.xlsx) or text (.txt) file`);
  }
  const kind = extension === 'docx' ? 'Word (.docx)' : 'Excel (.xlsx)';
  if (bytes.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE)) {
    throw new DraftError(`${fileName} is password-protected or in the old binary format: save it as ${kind} without a password`);
  }
  if (!bytes.subarray(0, ZIP.length).equals(ZIP)) throw new DraftError(`${fileName} is not a ${kind} file`);
  try {
    if (extension === 'xlsx') return await readXlsx(bytes, options.sheet);
    await checkUnpackedSizes(bytes, DOCX_UNPACK_LIMITS);
    return await readDocx(bytes);
  } catch (error) {
    if (error instanceof MissingSheetError) throw new DraftError(`${fileName}: ${error.message}`);
    if (error instanceof XlsxLimitError || error instanceof UnpackedSizeError) throw new DraftError(`${fileName}: ${error.message}`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DraftError(`${fileName} is damaged: it cannot be read as a ${kind} file (${reason})`, { cause: error });
  }
}

/** UTF-8 (with or without a BOM), else Windows-1251, as Russian Word saves plain text. */
function decodeText(bytes: Buffer, fileName: string): string {
  if (bytes.includes(0)) throw new DraftError(`${fileName} is not a text file`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'win1251');
  }
}
