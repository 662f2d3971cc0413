/**
 * The delivery worker of the queue tests: it sends through grammY to the loopback Bot API emulator at
 * `apiRoot` and renders as production does. Shared by the in-process harness and the worker child process,
 * so nothing here may need the vitest runner.
 */
import { pino } from 'pino';
import { createTelegramRender } from '../../src/bot/telegram-render.js';
import { createRenderer } from '../../src/delivery/render.js';
import { createTelegramTransport } from '../../src/delivery/telegram-transport.js';
import { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerDeps } from '../../src/delivery/worker.js';

export const TOKEN = '123456:TEST-token';
export const silent = pino({ level: 'silent' });

/** What a test chooses: everything but the transport, the render and the (silent) log, plus the emulator's root. */
export type EmulatorWorkerOptions = Omit<DeliveryWorkerDeps, 'transport' | 'render' | 'log'> & { apiRoot: string };

/** A delivery worker sending to the emulator at `apiRoot`. */
export function createEmulatorWorker({ apiRoot, ...deps }: EmulatorWorkerOptions): DeliveryWorker {
  return createDeliveryWorker({
    ...deps,
    transport: createTelegramTransport({ token: TOKEN, apiRoot }),
    render: createTelegramRender(deps.store, createRenderer()),
    log: silent,
  });
}
