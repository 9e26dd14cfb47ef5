import { Cluster } from 'ioredis';
import { parseRedisAddress } from '../store/redis-address.js';
import { probeCluster } from '../store/redis-store.js';

/**
 * A connection to the Redis Cluster for BullMQ and the run records: commands wait while a node is down (BullMQ needs
 * `maxRetriesPerRequest: null`) and go on when it is back. Checked first, like the store, so that an address that
 * is wrong fails at once with one line.
 */
export async function clusterConnection(address: string): Promise<Cluster> {
  const nodes = parseRedisAddress(address);
  await probeCluster(nodes);
  const cluster = new Cluster(nodes, {
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    redisOptions: { maxRetriesPerRequest: null },
  });
  cluster.on('error', () => {});
  cluster.on('node error', () => {});
  return cluster;
}
