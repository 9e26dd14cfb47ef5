import type { Cluster } from 'ioredis';
import { UnspinError } from '../errors.js';

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 5000;
/** How long an operation is retried while the cluster stays unreachable. */
const GIVE_UP_MS = 120_000;

/** Failures that pass when the cluster is whole again: a node down, restarting, or the cluster failing over. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError' || error.name === 'ClusterAllFailedError') return true;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|CLUSTERDOWN|TRYAGAIN|LOADING|MASTERDOWN|Connection is closed|Too many Cluster redirections|Failed to refresh slots cache|Cluster isn't ready/.test(
    error.message,
  );
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Runs an idempotent operation again and again while the cluster at `location` is unreachable, with a growing pause,
 * for up to GIVE_UP_MS; `onRetry` is called before each pause (to say so once).
 */
export async function retryWhileUnreachable<T>(location: string, operation: () => Promise<T>, onRetry: () => void = () => {}): Promise<T> {
  const start = Date.now();
  for (let pause = FIRST_RETRY_MS; ; pause = Math.min(2 * pause, LAST_RETRY_MS)) {
    try {
      return await operation();
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      if (Date.now() - start + pause > GIVE_UP_MS) {
        const why = (error as Error).message.split('\n')[0];
        throw new UnspinError('E_STORE_UNREACHABLE', `Redis at ${location} stayed unreachable for ${GIVE_UP_MS / 1000} s (${why})`, { cause: error });
      }
      onRetry();
      await sleep(pause);
    }
  }
}

/**
 * Connects a lazily made Cluster client and waits until it is ready, for up to GIVE_UP_MS. Its own `connect()` promise
 * cannot be awaited: when the cluster's ready check fails (a node stopping as the client starts), the client reconnects
 * and becomes ready, but that promise is never settled (ioredis 6.1), and a process awaiting it would wait for ever.
 */
export async function connectCluster(cluster: Cluster, location: string): Promise<void> {
  const ready = new Promise<void>((resolve, reject) => {
    const giveUp = setTimeout(() => {
      cluster.off('ready', onReady);
      reject(new UnspinError('E_STORE_UNREACHABLE', `the Redis Cluster at ${location} did not become ready in ${GIVE_UP_MS / 1000} s`));
    }, GIVE_UP_MS);
    const onReady = (): void => {
      clearTimeout(giveUp);
      resolve();
    };
    cluster.once('ready', onReady);
  });
  cluster.connect().catch(() => {});
  await ready;
}
