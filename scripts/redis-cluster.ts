/**
 * A local Redis Cluster of three masters for the Redis store: its tests and trying `--db redis://…` out.
 * Each node keeps an append-only file, so a node stopped and started again comes back with its data.
 *
 *   npx tsx scripts/redis-cluster.ts start|stop|status [--ports 7001,7002,7003] [--dir DIR]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const HOST = '127.0.0.1';
export const DEFAULT_PORTS: readonly number[] = [7001, 7002, 7003];
export const DEFAULT_DIR = fileURLToPath(new URL('../.redis-cluster', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const POLL_MS = 100;

export interface ClusterOptions {
  readonly ports: readonly number[];
  /** Where the nodes keep their data, one folder per port. */
  readonly dir: string;
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The address the Redis store takes for these nodes. */
export const clusterAddress = (ports: readonly number[]): string => `redis://${ports.map((p) => `${HOST}:${p}`).join(',')}`;

/** Runs a program, turning a missing one into a one-line error naming the package to install. */
async function program(name: 'redis-server' | 'redis-cli', args: readonly string[]): Promise<string> {
  try {
    return (await run(name, args)).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${name} not found: install Redis 7 (\`sudo apt-get install redis-server\` on Debian or Ubuntu, \`brew install redis\` on macOS)`);
    }
    throw error;
  }
}

/** A command's reply from one node, or undefined when the node does not answer. */
async function ask(port: number, ...command: string[]): Promise<string | undefined> {
  try {
    return (await program('redis-cli', ['-h', HOST, '-p', String(port), ...command])).trim();
  } catch (error) {
    // redis-cli exits 1 when it cannot connect; a missing redis-cli still says so.
    if ((error as Error).message.includes('not found: install')) throw error;
    return undefined;
  }
}

// A node that is loading its append-only file answers LOADING, not PONG.
const isUp = async (port: number): Promise<boolean> => (await ask(port, 'ping')) === 'PONG';

const clusterInfo = async (port: number): Promise<string> => (await ask(port, 'cluster', 'info')) ?? '';

async function waitFor(what: string, test: () => Promise<boolean>): Promise<void> {
  for (const start = Date.now(); !(await test()); await sleep(POLL_MS)) {
    if (Date.now() - start > READY_TIMEOUT_MS) throw new Error(`timed out after ${READY_TIMEOUT_MS / 1000} s waiting for ${what}`);
  }
}

/** Starts one node (again) with its folder under dir; its cluster config and append-only file bring back what it had. */
export async function startNode(port: number, dir: string): Promise<void> {
  const home = resolve(dir, String(port));
  mkdirSync(home, { recursive: true });
  // The arguments are the node's whole configuration. With --daemonize the command returns once the server has
  // forked, before it listens (or while it loads its append-only file): it is up when it answers PING.
  await program('redis-server', [
    ...['--port', String(port), '--bind', HOST],
    ...['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000'],
    ...['--dir', home, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''],
    ...['--daemonize', 'yes', '--pidfile', join(home, 'redis.pid'), '--logfile', join(home, 'redis.log')],
  ]);
  await waitFor(`the node on port ${port} to answer`, () => isUp(port));
}

/** Shuts one node down (it writes its append-only file first) and waits until it is gone. */
export async function stopNode(port: number): Promise<void> {
  await ask(port, 'shutdown');
  await waitFor(`the node on port ${port} to stop`, async () => !(await isUp(port)));
}

const clusterOk = async (ports: readonly number[]): Promise<boolean> =>
  (await Promise.all(ports.map(clusterInfo))).every((info) => info.includes('cluster_state:ok'));

/**
 * Starts the nodes that are not running and, the first time, makes them one cluster; returns its address once every
 * node says the cluster is ok. Nodes started again from their folder are a cluster already.
 */
export async function startCluster({ ports, dir }: ClusterOptions): Promise<{ address: string; alreadyRunning: boolean }> {
  await program('redis-server', ['--version']);
  const address = clusterAddress(ports);
  const up = await Promise.all(ports.map(isUp));
  if (up.every(Boolean) && (await clusterOk(ports))) return { address, alreadyRunning: true };
  for (const [i, port] of ports.entries()) if (!up[i]) await startNode(port, dir);
  const assigned = await Promise.all(ports.map(async (port) => /cluster_slots_assigned:(\d+)/.exec(await clusterInfo(port))?.[1]));
  if (assigned.every((slots) => slots === '0')) {
    await program('redis-cli', ['--cluster', 'create', ...ports.map((p) => `${HOST}:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
  }
  await waitFor('cluster_state:ok on every node', () => clusterOk(ports));
  return { address, alreadyRunning: false };
}

/** Shuts every node down and removes their folders. */
export async function stopCluster({ ports, dir }: ClusterOptions): Promise<void> {
  await Promise.all(ports.map(stopNode));
  rmSync(dir, { recursive: true, force: true });
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  let ports = DEFAULT_PORTS;
  let dir = DEFAULT_DIR;
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i] as string, rest[i + 1]];
    if (flag !== '--ports' && flag !== '--dir') throw new Error(`unknown option ${flag}`);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--ports') ports = value.split(',').map(Number);
    else dir = resolve(value);
  }
  if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) throw new Error('--ports takes ports such as 7001,7002,7003');
  switch (command) {
    case 'start': {
      const { address, alreadyRunning } = await startCluster({ ports, dir });
      console.log(alreadyRunning ? 'The Redis Cluster is already running.' : `Started a Redis Cluster of ${ports.length} masters (data in ${dir}).`);
      console.log(address);
      break;
    }
    case 'stop':
      await stopCluster({ ports, dir });
      console.log(`Stopped the Redis Cluster and removed ${dir}.`);
      break;
    case 'status':
      for (const port of ports) {
        const state = /cluster_state:(\w+)/.exec(await clusterInfo(port))?.[1];
        console.log(`${HOST}:${port} ${(await isUp(port)) ? `up (cluster_state:${state ?? 'unknown'})` : 'down'}`);
      }
      break;
    default:
      throw new Error('usage: tsx scripts/redis-cluster.ts start|stop|status [--ports 7001,7002,7003] [--dir DIR]');
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`redis-cluster: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
