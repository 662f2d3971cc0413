/**
 * Starting and stopping a private `redis-server` child: the app's fallback when no Redis is configured, and
 * the test suite's own server.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisServerOptions {
  /** Data directory for the append-only file; null runs without any persistence (tests). */
  dataDir: string | null;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
}

export interface RedisServerHandle {
  url: string;
  port: number;
  /** Asks the server to shut down (flushing its AOF) and waits for the child to exit. */
  stop(): Promise<void>;
}

/** True when a `redis-server` binary is on PATH. */
export function redisServerOnPath(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Resolves once the server at `url` answers PING, or rejects after `timeoutMs`. */
export async function waitForRedis(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await pingRedis(url, 300)) return;
    if (Date.now() > deadline) throw new Error(`Redis at ${url} did not answer PING within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One PING with a short timeout and no reconnection: does anything answer at `url`? */
export async function pingRedis(url: string, timeoutMs: number): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // Connection failures are reported through the promise below; the event would otherwise be unhandled.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Spawns `redis-server` on loopback. With a data directory it keeps an append-only file there (so delayed
 * jobs survive a restart) and no RDB snapshots; without one it keeps nothing on disk.
 */
export async function startRedisServer(options: RedisServerOptions): Promise<RedisServerHandle> {
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--protected-mode', 'yes'];
  if (options.dataDir === null) {
    args.push('--appendonly', 'no');
  } else {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec');
  }
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `redis://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForRedis(url, 10_000),
      exited.then(() => {
        throw new Error(`redis-server exited at start: ${stderr.trim() || 'no output'}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, port, stop: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // SIGTERM makes redis-server flush the AOF and exit cleanly.
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
