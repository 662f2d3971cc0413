/**
 * A loopback Bot API for tests and benches: grammY talks to it over real HTTP at `url` (set it as the
 * client's `apiRoot`). It answers `/bot<any token>/<method>` for the methods the bot uses, records every
 * request, can enforce Telegram's limits (429 with `parameters.retry_after`) and plays scripted faults.
 *
 * API for tests:
 * - `startBotApiEmulator({ limits })`: `limits` null (default) accepts everything; `{ globalPerSec: 30,
 *   perChatMs: 1000 }` answers 429 past 30 sends in any sliding second or a second send to a chat within 1 s.
 * - `url`: the apiRoot. Any token is accepted.
 * - `sent(chatId?)`: messages and documents delivered (not the refused ones), in arrival order.
 * - `requests()`: every request with its method, parameters and the status answered.
 * - `injectUpdate(update)`: queues an update for `getUpdates` (long polling wakes up at once); returns its id.
 * - `block(chatId)` / `unblock(chatId)`: sends to that chat get 403 "Forbidden: bot was blocked by the user".
 * - `failNext(n, fault, after = 0)`: after `after` send requests pass, the next n get `fault`: an HTTP error
 *   code (429 carries `retry_after`), or 'drop' to cut the connection without an answer (grammY's HttpError).
 * - `rateLimited()`: how many 429s it answered.
 * - `lastEditText(emulator, chatId)` (a function beside it): the latest edit's text in a chat.
 * - `stop()`: ends pending long polls and closes the server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface EmulatorLimits {
  /** Sends accepted in any sliding 1,000 ms window over all chats. */
  globalPerSec: number;
  /** Least time between two sends to one chat. */
  perChatMs: number;
}

export interface EmulatorOptions {
  limits?: EmulatorLimits | null;
}

/**
 * A scripted fault: an error code (with `retryAfter` seconds for 429); 'drop' cuts the connection before
 * handling the request; 'accept-then-drop' delivers the message and then cuts the connection, so the client
 * never hears that it arrived; `slowMs` delivers it and answers only after that long (beyond a client's timeout).
 */
export type Fault = { code: number; description?: string; retryAfter?: number } | 'drop' | 'accept-then-drop' | { slowMs: number };

export type Params = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  params: Params;
  /** HTTP status answered; 0 for a dropped connection. */
  status: number;
  /** Milliseconds since the emulator started. */
  at: number;
}

/** A file part of a multipart request. */
export interface UploadedFile {
  filename: string;
  size: number;
  bytes: Buffer;
}

export interface SentMessage {
  method: string;
  chatId: string;
  messageId: number;
  text: string | null;
  /** The `reply_markup` as sent (inline keyboards included). */
  replyMarkup: unknown;
  /** For documents and photos: the uploaded file's name, size and bytes. */
  document: UploadedFile | null;
  at: number;
}

export interface BotApiEmulator {
  url: string;
  /** Epoch ms the emulator started at: `at` of requests and messages counts from it. */
  startedAt: number;
  sent(chatId?: string | number): SentMessage[];
  requests(): RecordedRequest[];
  injectUpdate(update: Params): number;
  block(chatId: string | number): void;
  unblock(chatId: string | number): void;
  failNext(n: number, fault: Fault, after?: number): void;
  rateLimited(): number;
  stop(): Promise<void>;
}

const SEND_METHODS = new Set(['sendMessage', 'sendDocument', 'sendPhoto', 'copyMessage', 'forwardMessage']);
const BOT_USER = { id: 777000001, is_bot: true, first_name: 'Roadmap', username: 'roadmap500_bot' };

/** A Bot API error answer (`ok: false`), thrown by a method's handler and turned into the reply. */
class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

/** `chat_id` arrives as a number (JSON) or a string (form fields); anything else counts as missing. */
function chatIdOf(params: Params): string {
  const id = params.chat_id;
  return typeof id === 'number' || typeof id === 'string' ? String(id) : '';
}

export async function startBotApiEmulator(options: EmulatorOptions = {}): Promise<BotApiEmulator> {
  const limits = options.limits ?? null;
  const started = performance.now();
  const startedAt = Date.now();
  const elapsed = () => performance.now() - started;
  const delivered: SentMessage[] = [];
  const recorded: RecordedRequest[] = [];
  const blocked = new Set<string>();
  /** Per send request to come: its fault, or undefined to pass it. */
  const faults: (Fault | undefined)[] = [];
  const lastSendByChat = new Map<string, number>();
  let recentSends: number[] = [];
  let rateLimitedCount = 0;
  let nextMessageId = 1;
  let nextUpdateId = 1;
  let updates: Params[] = [];
  let pollers: Array<() => void> = [];

  const wakePollers = () => {
    const waiting = pollers;
    pollers = [];
    for (const wake of waiting) wake();
  };

  function checkLimits(chatId: string, now: number): void {
    if (limits === null) return;
    const last = lastSendByChat.get(chatId);
    if (last !== undefined && now - last < limits.perChatMs) {
      throw tooMany(last + limits.perChatMs - now);
    }
    recentSends = recentSends.filter((t) => t > now - 1000);
    const oldest = recentSends[0];
    if (oldest !== undefined && recentSends.length >= limits.globalPerSec) throw tooMany(oldest + 1000 - now);
  }

  function tooMany(waitMs: number): ApiError {
    rateLimitedCount += 1;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new ApiError(429, `Too Many Requests: retry after ${seconds}`, seconds);
  }

  function messageFor(chatId: string, messageId: number, params: Params): Params {
    return {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(chatId), type: 'private', first_name: 'User' },
      from: BOT_USER,
      ...(typeof params.text === 'string' ? { text: params.text } : {}),
      ...(params.reply_markup !== undefined ? { reply_markup: params.reply_markup } : {}),
    };
  }

  function send(method: string, params: Params, files: Map<string, UploadedFile>): Params {
    const chatId = chatIdOf(params);
    if (chatId === '') throw new ApiError(400, 'Bad Request: chat_id is empty');
    if (blocked.has(chatId)) throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    const now = elapsed();
    checkLimits(chatId, now);
    lastSendByChat.set(chatId, now);
    recentSends.push(now);
    const messageId = nextMessageId++;
    delivered.push({
      method,
      chatId,
      messageId,
      text: typeof params.text === 'string' ? params.text : typeof params.caption === 'string' ? params.caption : null,
      replyMarkup: params.reply_markup ?? null,
      document: files.get('document') ?? files.get('photo') ?? null,
      at: now,
    });
    return messageFor(chatId, messageId, params);
  }

  async function getUpdates(params: Params): Promise<Params[]> {
    const offset = Number(params.offset ?? 0);
    if (offset > 0) updates = updates.filter((u) => Number(u.update_id) >= offset);
    const timeoutMs = Math.min(Number(params.timeout ?? 0), 30) * 1000;
    if (updates.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolveWait) => {
        const timer = setTimeout(() => {
          pollers = pollers.filter((p) => p !== wake);
          resolveWait();
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolveWait();
        };
        pollers.push(wake);
      });
    }
    const limit = Number(params.limit ?? 100);
    return updates.slice(0, limit);
  }

  async function answer(method: string, params: Params, files: Map<string, UploadedFile>) {
    switch (method) {
      case 'getMe':
        return BOT_USER;
      case 'getUpdates':
        return getUpdates(params);
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        return messageFor(chatIdOf(params), Number(params.message_id ?? 0), params);
      case 'answerCallbackQuery':
      case 'setMyCommands':
      case 'deleteMyCommands':
      case 'deleteWebhook':
      case 'setWebhook':
      case 'deleteMessage':
      case 'sendChatAction':
        return true;
      case 'getWebhookInfo':
        return { url: '', has_custom_certificate: false, pending_update_count: 0 };
      default:
        if (SEND_METHODS.has(method)) return send(method, params, files);
        throw new ApiError(404, 'Not Found: method not found');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const match = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(url.pathname);
    const method = match?.[1] ?? '';
    const { params, files } = await readParams(req, url);
    const record: RecordedRequest = { method, params, status: 200, at: elapsed() };
    recorded.push(record);
    const reply = (status: number, body: Params) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (match === null) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    const fault = SEND_METHODS.has(method) ? faults.shift() : undefined;
    if (fault === 'drop') {
      record.status = 0;
      req.socket.destroy();
      return;
    }
    if (fault === 'accept-then-drop') {
      await answer(method, params, files);
      record.status = 0;
      req.socket.destroy();
      return;
    }
    if (fault !== undefined && 'slowMs' in fault) {
      const result = await answer(method, params, files);
      await new Promise((r) => setTimeout(r, fault.slowMs));
      if (!req.socket.destroyed) reply(200, { ok: true, result });
      return;
    }
    try {
      if (fault !== undefined) {
        if (fault.code === 429) rateLimitedCount += 1;
        throw new ApiError(fault.code, fault.description ?? defaultDescription(fault.code), fault.retryAfter ?? 1);
      }
      reply(200, { ok: true, result: await answer(method, params, files) });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply(error.code, {
        ok: false,
        error_code: error.code,
        description: error.description,
        ...(error.code === 429 ? { parameters: { retry_after: error.retryAfter } } : {}),
      });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    startedAt,
    sent: (chatId) => (chatId === undefined ? [...delivered] : delivered.filter((m) => m.chatId === String(chatId))),
    requests: () => [...recorded],
    injectUpdate(update) {
      const id = nextUpdateId++;
      updates.push({ ...update, update_id: id });
      wakePollers();
      return id;
    },
    block: (chatId) => blocked.add(String(chatId)),
    unblock: (chatId) => blocked.delete(String(chatId)),
    failNext(n, fault, after = 0) {
      for (let i = 0; i < after; i += 1) faults.push(undefined);
      for (let i = 0; i < n; i += 1) faults.push(fault);
    },
    rateLimited: () => rateLimitedCount,
    stop: async () => {
      wakePollers();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The text of the latest `editMessageText` request to a chat; undefined before the first. */
export function lastEditText(emulator: BotApiEmulator, chatId: string | number): string | undefined {
  const text = emulator
    .requests()
    .filter((r) => r.method === 'editMessageText' && chatIdOf(r.params) === String(chatId))
    .at(-1)?.params.text;
  return typeof text === 'string' ? text : undefined;
}

function defaultDescription(code: number): string {
  if (code === 429) return 'Too Many Requests: retry later';
  if (code === 403) return 'Forbidden: bot was blocked by the user';
  if (code >= 500) return 'Internal Server Error';
  return 'Bad Request';
}

/** Bot API parameters come as JSON, form fields or multipart (file uploads); all end up as one record. */
async function readParams(
  req: IncomingMessage,
  url: URL,
): Promise<{ params: Params; files: Map<string, UploadedFile> }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const params: Params = Object.fromEntries(url.searchParams);
  const files = new Map<string, UploadedFile>();
  const type = req.headers['content-type'] ?? '';
  if (body.length === 0) return { params, files };
  if (type.startsWith('application/json')) {
    Object.assign(params, JSON.parse(body.toString('utf8')) as Params);
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = parseField(value);
  } else if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
    if (boundary === undefined) throw new Error('multipart body without a boundary');
    for (const part of multipartParts(body, boundary)) {
      if (part.filename === null) params[part.name] = parseField(part.body.toString('utf8'));
      else files.set(part.name, { filename: part.filename, size: part.body.length, bytes: part.body });
    }
    // grammY sends a file field as `attach://<id>`; resolve it to the uploaded part.
    for (const [key, value] of Object.entries(params)) {
      if (typeof value === 'string' && value.startsWith('attach://')) {
        const file = files.get(value.slice('attach://'.length));
        if (file) files.set(key, file);
      }
    }
  }
  return { params, files };
}

interface MultipartPart {
  name: string;
  filename: string | null;
  body: Buffer;
}

/** Splits a multipart/form-data body into its parts (enough of RFC 7578 for grammY's uploads). */
function multipartParts(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const chunk = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      // grammY writes `filename=` unquoted, browsers quote it
      const name = /[;:]\s*name="([^"]*)"/.exec(headers)?.[1];
      const filename = /filename="?([^";\r\n]+)"?/.exec(headers)?.[1] ?? null;
      if (name !== undefined) parts.push({ name, filename, body: chunk.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}

/** Form fields carry JSON for objects (reply_markup) and plain strings otherwise. */
function parseField(value: string): unknown {
  if (value.startsWith('{') || value.startsWith('[')) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}
