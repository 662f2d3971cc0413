import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../support/run-cli.js';
import { matrixXlsx } from './matrix-fixture.js';
import { saratovDocx } from './seed-docx.js';

/** A Word document holding one table of these rows, under these paragraphs. */
async function wordTable(paragraphs: string[], rows: string[][]): Promise<Buffer> {
  const table = new Table({ rows: rows.map((cells) => new TableRow({ children: cells.map((text) => new TableCell({ children: [new Paragraph(text)] })) })) });
  return Packer.toBuffer(new Document({ sections: [{ children: [...paragraphs.map((text) => new Paragraph(text)), table] }] }));
}

describe('roadmap-bot schedule draft on input it cannot draft', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schedule-draft-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Drafts `name` holding `bytes`; returns the run and whether --out was written. */
  async function draft(name: string, bytes: Buffer, ...extra: string[]) {
    const file = join(dir, name);
    const out = join(dir, `${name}.yaml`);
    writeFileSync(file, bytes);
    const run = await runCaptured(['schedule', 'draft', file, '--out', out, ...extra], {});
    return { ...run, written: existsSync(out) };
  }

  function expectOneSentence(run: { code: number; out: string; err: string; written: boolean }, sentence: RegExp): void {
    expect(run).toMatchObject({ code: 1, out: '', written: false });
    expect(run.err).toMatch(sentence);
    expect(run.err).not.toContain('\n');
  }

  it('refuses a file that is not Word or Excel although named .docx', async () => {
    expectOneSentence(await draft('notes.docx', Buffer.from('Дорожная карта на 2024 год\n')), /^notes\.docx is not a Word \(\.docx\) file$/);
  });

  it('refuses a format it does not read', async () => {
    expectOneSentence(await draft('roadmap.pdf', Buffer.from('%PDF-1.7')), /^roadmap\.pdf is not a Word \(\.docx\), Excel \(\.xlsx\) or text \(\.txt\) file$/);
  });

  it('refuses a password-protected document', async () => {
    // Office keeps an encrypted .docx/.xlsx in an OLE compound file, as the old binary .doc was.
    const compound = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expectOneSentence(await draft('secret.xlsx', compound), /^secret\.xlsx is password-protected or in the old binary format: save it as Excel \(\.xlsx\) without a password$/);
  });

  it('refuses a damaged document', async () => {
    const whole = await saratovDocx();
    expectOneSentence(await draft('cut.docx', whole.subarray(0, whole.length / 2)), /^cut\.docx is damaged: it cannot be read as a Word \(\.docx\) file \(.+\)$/);
  });

  it('refuses a document without a table with a date column', async () => {
    const noDates = await wordTable(['Дорожная карта на 2024 год'], [['№ п/п', 'Мероприятие', 'Ответственные'], ['1.', 'Совещание', 'Министерство']]);
    expectOneSentence(await draft('no-dates.docx', noDates), /^no-dates\.docx has no roadmap table: no table has a date column/);
  });

  it('refuses a roadmap that names no year unless --year gives one', async () => {
    const rows = [['№ п/п', 'Мероприятие', 'Срок'], ['1.', 'Совещание', '15 марта']];
    const noYear = await wordTable(['Дорожная карта'], rows);
    expectOneSentence(await draft('no-year.docx', noYear), /^no-year\.docx names no year in its title or approval block .*: pass --year YYYY$/);
    const withYear = await draft('no-year.docx', noYear, '--year', '2025');
    expect(withYear).toMatchObject({ code: 0, written: true });
  });

  it('refuses an Excel sheet that is not there, naming the sheets that are', async () => {
    expectOneSentence(await draft('plan.xlsx', await matrixXlsx(), '--sheet', 'План 2025'), /^plan\.xlsx: there is no sheet "План 2025" \(the sheets are "Пояснения", "План"\)$/);
  });

  it('refuses a file over 50 MB before reading it', async () => {
    const file = join(dir, 'huge.docx');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    truncateSync(file, 51 * 1024 * 1024); // sparse: no 51 MB written
    const run = await runCaptured(['schedule', 'draft', file, '--out', join(dir, 'huge.yaml')], {});
    expectOneSentence({ ...run, written: existsSync(join(dir, 'huge.yaml')) }, /^.*huge\.docx is 51 MB, more than a roadmap can be \(50 MB\)$/);
  });
});
