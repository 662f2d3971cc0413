/**
 * The Bot API emulator on a thread of its own, behind the same interface: a bench that loads its own event
 * loop (the bot and the worker handling a burst) would otherwise stall the emulator too, and requests sent
 * evenly would reach it in clumps, as they never reach Telegram, a server elsewhere. Each call is a
 * synchronous round trip to the thread (Atomics.wait on a shared flag, then `receiveMessageOnPort`).
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { BotApiEmulator, EmulatorOptions } from './bot-api-emulator.js';

type Reply = { result?: unknown; error?: string };

export async function startEmulatorThread(options: EmulatorOptions = {}): Promise<BotApiEmulator> {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  // the thread loads the emulator's TypeScript through tsx's API: Node 20 takes no `--import` for a worker
  const main = new URL('./emulator-thread-main.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(main)}, ${JSON.stringify(main)}))`;
  const worker = new Worker(boot, {
    eval: true,
    workerData: { port: port2, flag, options },
    transferList: [port2],
  });
  const ready = await new Promise<{ url: string; startedAt: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });

  const call = <T>(method: keyof BotApiEmulator, ...args: unknown[]): T => {
    Atomics.store(flag, 0, 0);
    port1.postMessage({ method, args });
    Atomics.wait(flag, 0, 0);
    const reply = receiveMessageOnPort(port1)?.message as Reply | undefined;
    if (reply === undefined) throw new Error(`emulator thread gave no answer to ${method}`);
    if (reply.error !== undefined) throw new Error(reply.error);
    return reply.result as T;
  };

  return {
    url: ready.url,
    startedAt: ready.startedAt,
    sent: (chatId) => call('sent', chatId),
    requests: () => call('requests'),
    injectUpdate: (update) => call('injectUpdate', update),
    block: (chatId) => call('block', chatId),
    unblock: (chatId) => call('unblock', chatId),
    failNext: (n, fault) => call('failNext', n, fault),
    rateLimited: () => call('rateLimited'),
    async stop() {
      call('stop');
      port1.close();
      await worker.terminate();
    },
  };
}
