import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../config/clock.js';
import type { RenderedPhoto, Transport } from './transport.js';

export interface ConsoleTransportOptions {
  /** Where the printout goes (stdout in the CLI, a buffer in tests). */
  out: (text: string) => void;
  clock: Clock;
  /**
   * Where photos are written, to be opened by hand: one file per recipient and picture, the same name on every
   * run, so a dry run leaves no folder behind and the next one overwrites what it wrote.
   */
  photoDir: string;
}

/**
 * The dry-run transport: prints who gets what and when (in the recipient's own zone), and answers like a
 * real send with a synthetic message id, so the store records dry runs exactly like real deliveries. A photo
 * is written to a file and its path printed in its place.
 */
export function createConsoleTransport(options: ConsoleTransportOptions): Transport {
  let nextMessageId = 1;
  const savePhoto = async (personId: number, photo: RenderedPhoto): Promise<string> => {
    await mkdir(options.photoDir, { recursive: true });
    const path = join(options.photoDir, `${personId}-${photo.filename}`);
    // written aside and renamed over: a second dry run writing the same picture at once leaves one whole file
    const aside = `${path}.${randomUUID()}.tmp`;
    await writeFile(aside, photo.bytes);
    await rename(aside, path);
    return path;
  };
  return {
    name: 'console',
    async send(to, message, onRequest) {
      const messageId = nextMessageId;
      nextMessageId += 1;
      onRequest?.();
      const photo = message.photo ? [`photo: ${await savePhoto(to.personId, message.photo)}`] : [];
      const local = options.clock.now().setZone(to.zone).toFormat('dd.MM.yyyy HH:mm');
      const buttons = message.buttons.map((row) => row.map((b) => `[${b.text}]`).join(' ')).filter((r) => r !== '');
      const lines = [`── ${to.fullName} (${to.role}) · ${local} ${to.zone} · chat ${to.chatId}`, ...photo, message.text, ...buttons];
      options.out(`${lines.join('\n')}\n`);
      return { messageId };
    },
  };
}
