import { UnspinError } from '../errors.js';

const SCHEME = 'redis://';
const DEFAULT_PORT = 6379;

/** Whether a store location names Redis rather than an SQLite file. */
export function isRedisAddress(s: string): boolean {
  return s.startsWith(SCHEME);
}

/** The nodes of `redis://host:port[,host:port…]`, the port 6379 where left out. */
export function parseRedisAddress(address: string): { host: string; port: number }[] {
  const bad = (why: string): UnspinError =>
    new UnspinError('E_BAD_ARGUMENT', `bad Redis address ${address}: ${why} (expected redis://host:port[,host:port…])`);
  if (!isRedisAddress(address)) throw bad(`it does not start with ${SCHEME}`);
  const rest = address.slice(SCHEME.length);
  if (rest === '') throw bad('it names no host');
  return rest.split(',').map((node) => {
    // host, or host:port; an IPv6 host is written in brackets ([::1]:7001).
    const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(node);
    if (!match) throw bad(`"${node}" is not host or host:port`);
    const host = (match[1] as string).replace(/^\[(.*)\]$/, '$1');
    const port = match[2] === undefined ? DEFAULT_PORT : Number(match[2]);
    if (port < 1 || port > 65535) throw bad(`port ${port} is out of range`);
    return { host, port };
  });
}
