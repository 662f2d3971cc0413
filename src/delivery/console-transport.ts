import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../config/clock.js';
import type { RenderedPhoto, Transport } from './transport.js';

export interface ConsoleTransportOptions {
  /** Where the printout goes (stdout in the CLI, a buffer in tests). */
  out: (text: string) => void;
  clock: Clock;
  /** Where photos are written, to be opened by hand; default a fresh directory under the OS temp dir. */
  photoDir?: string;
}

/**
 * The dry-run transport: prints who gets what and when (in the recipient's own zone), and answers like a
 * real send with a synthetic message id, so the store records dry runs exactly like real deliveries. A photo
 * is written to a file and its path printed in its place.
 */
export function createConsoleTransport(options: ConsoleTransportOptions): Transport {
  let nextMessageId = 1;
  let photoDir: Promise<string> | null = null;
  // one directory per transport: two dry runs at once never overwrite each other's pictures
  const savePhoto = async (messageId: number, photo: RenderedPhoto): Promise<string> => {
    const chosen = options.photoDir;
    photoDir ??= chosen === undefined ? mkdtemp(join(tmpdir(), 'roadmap-bot-photos-')) : mkdir(chosen, { recursive: true }).then(() => chosen);
    const path = join(await photoDir, `${messageId}-${photo.filename}`);
    await writeFile(path, photo.bytes);
    return path;
  };
  return {
    name: 'console',
    async send(to, message, onRequest) {
      const messageId = nextMessageId;
      nextMessageId += 1;
      onRequest?.();
      const photo = message.photo ? [`photo: ${await savePhoto(messageId, message.photo)}`] : [];
      const local = options.clock.now().setZone(to.zone).toFormat('dd.MM.yyyy HH:mm');
      const buttons = message.buttons.map((row) => row.map((b) => `[${b.text}]`).join(' ')).filter((r) => r !== '');
      const lines = [`── ${to.fullName} (${to.role}) · ${local} ${to.zone} · chat ${to.chatId}`, ...photo, message.text, ...buttons];
      options.out(`${lines.join('\n')}\n`);
      return { messageId };
    },
  };
}
