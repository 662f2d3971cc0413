import type { Clock } from '../config/clock.js';
import type { Transport } from './transport.js';

export interface ConsoleTransportOptions {
  /** Where the printout goes (stdout in the CLI, a buffer in tests). */
  out: (text: string) => void;
  clock: Clock;
}

/**
 * The dry-run transport: prints who gets what and when (in the recipient's own zone), and answers like a
 * real send with a synthetic message id, so the store records dry runs exactly like real deliveries.
 */
export function createConsoleTransport(options: ConsoleTransportOptions): Transport {
  let nextMessageId = 1;
  return {
    name: 'console',
    send(to, message, onRequest) {
      onRequest?.();
      const local = options.clock.now().setZone(to.zone).toFormat('dd.MM.yyyy HH:mm');
      const buttons = message.buttons.map((row) => row.map((b) => `[${b.text}]`).join(' ')).filter((r) => r !== '');
      const lines = [`── ${to.fullName} (${to.role}) · ${local} ${to.zone} · chat ${to.chatId}`, message.text, ...buttons];
      options.out(`${lines.join('\n')}\n`);
      const messageId = nextMessageId;
      nextMessageId += 1;
      return Promise.resolve({ messageId });
    },
  };
}
