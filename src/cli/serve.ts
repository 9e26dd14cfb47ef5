import { type Command, InvalidArgumentError } from 'commander';
import { UnspinError } from '../errors.js';
import { DEFAULT_BODY_LIMIT } from '../server/limits.js';
import { openCorpusStore, type StoreChoice } from '../store/open.js';
import { parseSize } from './corpus-input.js';
import { countBar } from './progress.js';
import { action } from './run.js';
import { storeOptions } from './store-option.js';

interface ServeFlags extends StoreChoice {
  readonly port: number;
  readonly host: string;
  readonly token?: string;
  readonly bodyLimit?: number;
  readonly timeout: number;
  readonly rateLimit: number;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds above 0');
  return n;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number above 0');
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
}

async function runServe(flags: ServeFlags): Promise<void> {
  const token = flags.token ?? process.env['UNSPIN_TOKEN'];
  if (!LOOPBACK.test(flags.host) && !token) {
    throw new UnspinError('E_BAD_ARGUMENT', `serving on ${flags.host}, beyond this machine, needs a token for the writing endpoints: --token or UNSPIN_TOKEN`);
  }
  const store = await openCorpusStore(flags);
  // An embedded store's meaning index is brought up to date and saved once, here, for every engine thread to load.
  const catchUp = countBar('meaning index', 'vectors');
  await store.saveMeaning((added, total) => catchUp.update(added, total));
  catchUp.stop();
  // Fastify and its plugins load only for this command.
  const { buildServer } = await import('../server/app.js');
  const app = await buildServer({
    store,
    requestTimeoutMs: flags.timeout * 1000,
    rateLimit: flags.rateLimit,
    onEnginesReady: (threads) => process.stderr.write(`unspin: ${threads} engine threads ready\n`),
    ...(token ? { token } : {}),
    ...(flags.bodyLimit ? { bodyLimit: flags.bodyLimit } : {}),
  });
  let address: string;
  try {
    address = await app.listen({ port: flags.port, host: flags.host });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UnspinError('E_BAD_ARGUMENT', `cannot listen on ${flags.host}:${flags.port} (${code})`);
  }
  process.stderr.write(`unspin: serving ${address} (store ${store.location}${token ? ', writing endpoints need the token' : ''}); Ctrl-C stops\n`);
  const stop = (): void => {
    void app.close().then(async () => {
      await store.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .summary('the web app and the API over HTTP (JSON in and out, the same shapes as --json)')
    .description(
      'Serve the web app (at /) and the HTTP API on one port: POST /api/compare {a, b}, /api/report {a, b} (the HTML ' +
        'report), /api/extract {html}, /api/inspect {text}, /api/restore {text, with?}, ' +
        '/api/search {text, limit?}, /api/documents {id?, text | html, url?, date?, title?} (index one document; or files ' +
        'as multipart/form-data, indexed as a job); ' +
        'POST /api/scan (a job: GET /api/jobs/:id), GET /api/clusters?offset&limit, /api/documents/:id, ' +
        '/api/documents/:id/matches, /api/stats, and the OpenAPI document at /api/openapi.json. ' +
        'Binds 127.0.0.1 by default; a host beyond this machine needs a bearer token for the writing endpoints ' +
        '(--token or UNSPIN_TOKEN). Bodies over the limit are answered 413, malformed ones 400 naming the field, and a ' +
        'client is limited to --rate-limit requests a minute (600). The engine verbs run on one thread per core; a request still ' +
        'working after --timeout is stopped and answered 503.',
    )
    .option('--port <n>', 'port to listen on (0: any free one)', parsePort, 8808)
    .option('--host <h>', 'address to bind', '127.0.0.1')
    .option('--token <t>', 'bearer token the writing endpoints require (default: UNSPIN_TOKEN)')
    .option('--timeout <seconds>', 'work on one request still running after this long is stopped and answered 503', parseSeconds, 120)
    .option('--rate-limit <n>', 'requests one client may make a minute; more are answered 429', parseCount, 600)
    .option('--body-limit <size>', `largest request body (default ${DEFAULT_BODY_LIMIT / 1024 / 1024}MB)`, parseSize)
    .addHelpText('after', '\nExamples:\n  unspin serve --db news.db\n  curl -s localhost:8808/api/compare -H "content-type: application/json" -d \'{"a": "…", "b": "…"}\'\n');
  storeOptions(command, 'the store (created if missing)').action(action((flags: ServeFlags) => runServe(flags)));
}
