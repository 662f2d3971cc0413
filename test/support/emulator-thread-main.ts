/** The thread side of `startEmulatorThread`: runs the emulator and answers each call on the port. */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type BotApiEmulator, type EmulatorOptions, startBotApiEmulator } from './bot-api-emulator.js';

const { port, flag, options } = workerData as { port: MessagePort; flag: Int32Array; options: EmulatorOptions };
const emulator = await startBotApiEmulator(options);

port.on('message', (request: { method: keyof BotApiEmulator; args: unknown[] }) => {
  const answer = (reply: { result?: unknown; error?: string }) => {
    port.postMessage(reply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const methods = emulator as unknown as Record<string, (...args: unknown[]) => unknown>;
  Promise.resolve()
    .then(() => methods[request.method]?.(...request.args))
    .then(
      (result) => answer({ result }),
      (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
    );
});
parentPort?.postMessage({ url: emulator.url, startedAt: emulator.startedAt });
