import { timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { indexCorpus } from '../corpus/index-corpus.js';
import { readInputs } from '../corpus/readers.js';
import type { ReadEvent, ScanResult, SourceDocument } from '../corpus/types.js';
import { UnspinError } from '../errors.js';
import type { CorpusStore } from '../store/corpus-store.js';
import { choiceOf } from '../store/open.js';
import { Jobs } from './jobs.js';
import { DEFAULT_BODY_LIMIT } from './limits.js';
import type { EngineTask } from './engine.js';
import { EnginePool, EngineUnavailable } from './engine-pool.js';
import { scanInThread } from './scan-thread.js';
import { SCHEMAS } from './schemas.js';
import type { ClusterPage, Job } from './types.js';
import { registerWeb } from './web.js';

/** Files one upload may hold. */
const MAX_UPLOAD_FILES = 100;
/** Work still running after this long is stopped. */
const DEFAULT_TIMEOUT_MS = 120_000;
/** Engine tasks that may wait for a thread before the server answers 503 (busy). */
const MAX_QUEUED = 256;

export interface ServerOptions {
  readonly store: CorpusStore;
  /** Bearer token that writing endpoints require; none means they are open (loopback only). */
  readonly token?: string;
  /** Largest request body, in bytes. Default 20 MB. */
  readonly bodyLimit?: number;
  /** Requests a client may make per minute. Default 600. */
  readonly rateLimit?: number;
  /** Work still running after this long is stopped and answered 503. Default 120 s. */
  readonly requestTimeoutMs?: number;
  /** Engine threads for the CPU-bound verbs. Default: one per core. */
  readonly threads?: number;
  /** Called once the engine threads are ready (a Redis store's meaning index can take them minutes to build). */
  readonly onEnginesReady?: (threads: number) => void;
}


/** A JSON error body: `{error: {code, message}}`. */
function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send({ error: { code, message } });
}

/** One line that names the field: "body.b is required", "body.a must be string", "body.extra is not a known field". */
function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  const path = `${error.validationContext ?? 'body'}${(first?.instancePath ?? '').replace(/\//g, '.')}`;
  const params = (first?.params ?? {}) as { missingProperty?: string; additionalProperty?: string };
  if (first?.keyword === 'required') return `${path}.${params.missingProperty} is required`;
  if (first?.keyword === 'additionalProperties') return `${path}.${params.additionalProperty} is not a known field`;
  return `${path} ${first?.message ?? 'is not valid'}`;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // Compared in constant time; a different length is told apart only by that.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The API: the CLI's verbs over HTTP, with the same JSON. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { store } = options;
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    // Stopping closes kept-alive connections at once, rather than waiting out their 72-second timeout.
    forceCloseConnections: true,
    // Strict: a number where a string belongs is an error, not a string.
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: false } },
  });
  await app.register(helmet, {
    // No upgrade-insecure-requests: the server speaks plain HTTP, also when bound beyond loopback.
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], objectSrc: ["'none'"], upgradeInsecureRequests: null },
    },
  });
  await app.register(rateLimit, {
    max: options.rateLimit ?? 600,
    timeWindow: '1 minute',
    // Thrown to the error handler, which answers it like every other error.
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'E_RATE_LIMITED',
      message: `too many requests: at most ${context.max} a minute; try again in ${context.after}`,
    }),
  });
  await app.register(multipart, { limits: { fileSize: options.bodyLimit ?? DEFAULT_BODY_LIMIT, files: MAX_UPLOAD_FILES, fields: 0 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Unspin API', version: '1', description: 'Find where a text came from, even after it was rewritten.' } },
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) return sendError(reply, 400, 'E_BAD_REQUEST', validationMessage(error));
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return sendError(reply, 400, 'E_BAD_JSON', 'the body is not valid JSON');
    }
    if (error.statusCode === 413) return sendError(reply, 413, 'E_TOO_LARGE', `the request body is over the ${options.bodyLimit ?? DEFAULT_BODY_LIMIT}-byte limit`);
    if (error instanceof EngineUnavailable) return sendError(reply, 503, error.code, error.message);
    if (error instanceof UnspinError && error.code === 'E_FILE_NOT_FOUND') return sendError(reply, 404, 'E_NOT_FOUND', error.message);
    if (error instanceof UnspinError && error.isUserError) return sendError(reply, 400, error.code, error.message);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, error.code ?? 'E_BAD_REQUEST', error.message);
    }
    reply.log.error(error);
    return sendError(reply, 500, 'E_INTERNAL', 'internal error');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'E_NOT_FOUND', `no such endpoint: ${request.method} ${request.url}`));

  /** Writing endpoints: a bearer token when the server has one. */
  const writer = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (options.token === undefined) return;
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!sameToken(given, options.token)) await sendError(reply, 401, 'E_UNAUTHORIZED', 'this endpoint needs the header "Authorization: Bearer <token>"');
  };

  const threads = options.threads ?? availableParallelism();
  const pool = new EnginePool({ store: choiceOf(store.location), threads, timeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, maxQueued: MAX_QUEUED });
  app.addHook('onClose', () => pool.close());
  void pool.ready.then(() => options.onEnginesReady?.(threads));

  /** Sends a verb to the engine threads and its JSON back as it came. */
  const engine = async (reply: FastifyReply, task: EngineTask) => reply.type('application/json').send(await pool.run(task));
  const side = (name: string, text: string, date: string | undefined) => ({ name, text, ...(date ? { date } : {}) });

  app.post('/api/compare', { schema: SCHEMAS.compare }, async (request, reply) => {
    const { a, b, dateA, dateB } = request.body as { a: string; b: string; dateA?: string; dateB?: string };
    return engine(reply, { verb: 'compare', a: side('a', a, dateA), b: side('b', b, dateB) });
  });

  app.post('/api/report', { schema: SCHEMAS.report }, async (request, reply) => {
    const body = request.body as { a: string; b: string; dateA?: string; dateB?: string; nameA?: string; nameB?: string };
    const html = await pool.run({ verb: 'report', a: side(body.nameA ?? 'a', body.a, body.dateA), b: side(body.nameB ?? 'b', body.b, body.dateB) });
    return reply.type('text/html; charset=utf-8').header('content-disposition', 'attachment; filename="unspin-report.html"').send(html);
  });

  app.post('/api/extract', { schema: SCHEMAS.extract }, async (request, reply) => {
    const { html, url } = request.body as { html: string; url?: string };
    return engine(reply, { verb: 'extract', html, ...(url ? { url } : {}) });
  });

  app.post('/api/inspect', { schema: SCHEMAS.inspect }, async (request, reply) => {
    const { text, threshold } = request.body as { text: string; threshold?: number };
    return engine(reply, { verb: 'inspect', text, ...(threshold !== undefined ? { threshold } : {}) });
  });

  app.post('/api/restore', { schema: SCHEMAS.restore }, async (request, reply) => {
    const body = request.body as { text: string; with?: string[] };
    return engine(reply, { verb: 'restore', text: body.text, with: body.with ?? [] });
  });

  app.post('/api/search', { schema: SCHEMAS.search }, async (request, reply) => {
    const { text, limit } = request.body as { text: string; limit?: number };
    return engine(reply, { verb: 'search', text, ...(limit !== undefined ? { limit } : {}) });
  });

  app.post('/api/documents', { schema: SCHEMAS.addDocument, preHandler: writer }, async (request, reply) => {
    if (request.isMultipart()) return reply.code(202).send({ job: await upload(request) });
    const body = request.body as { id?: string; text?: string; html?: string; url?: string; date?: string; title?: string };
    const document = await toDocument(body);
    async function* events(): AsyncGenerator<ReadEvent> {
      yield { kind: 'document', document };
    }
    const summary = await indexCorpus(store, events());
    return { id: document.id, ...summary };
  });

  app.get('/api/documents/:id', { schema: SCHEMAS.documentId }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const d = await store.document(id);
    if (!d) return sendError(reply, 404, 'E_NOT_FOUND', `no document with id ${JSON.stringify(id)}`);
    const { number: _number, ...document } = d;
    return document;
  });

  // The engine thread reads the document itself; one that is not there is answered 404 by the error handler.
  app.get('/api/documents/:id/matches', { schema: SCHEMAS.documentId }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return engine(reply, { verb: 'matches', id });
  });

  const jobs = new Jobs();

  /**
   * Uploaded files are saved to a temporary folder under their base names (made safe; a name that comes twice is
   * numbered), then indexed as a job that reads them like `unspin index`, its progress in bytes.
   */
  const upload = async (request: FastifyRequest): Promise<Job> => {
    const folder = await mkdtemp(join(tmpdir(), 'unspin-upload-'));
    let bytes = 0;
    try {
      const names = new Set<string>();
      for await (const part of request.files()) {
        // Only the base name, made safe: no path from a request reaches the file system.
        const safe = basename(part.filename || 'upload.txt').replace(/[^\w.-]+/g, '_').replace(/^\.+/, '') || 'upload.txt';
        let name = safe;
        for (let n = 2; names.has(name); n++) name = `${n}-${safe}`;
        names.add(name);
        const path = join(folder, name);
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw new UnspinError('E_BAD_ARGUMENT', `${part.filename}: over the upload limit`);
        bytes += (await stat(path)).size;
      }
      if (names.size === 0) throw new UnspinError('E_EMPTY_INPUT', 'the upload holds no files');
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    return jobs.start('upload', 'bytes', async (progress, finish) => {
      try {
        finish(await indexCorpus(store, readInputs([folder]), { onProgress: (p) => progress(p.inputBytes, bytes) }));
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });
  };

  // A scan runs as a job; its clusters stay for paging until the next scan finishes.
  let lastScan: { result: ScanResult; finished: string } | undefined;

  app.post('/api/scan', { preHandler: writer }, async (_request, reply) => {
    const job =
      jobs.running('scan') ??
      jobs.start('scan', 'documents', async (progress) => {
        const result = await scanInThread(choiceOf(store.location), progress);
        lastScan = { result, finished: new Date().toISOString() };
      });
    return reply.code(202).send({ job });
  });

  app.get('/api/jobs/:id', { schema: SCHEMAS.jobId }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const job = jobs.get(id);
    return job ?? sendError(reply, 404, 'E_NOT_FOUND', `no job with id ${JSON.stringify(id)}`);
  });

  app.get('/api/clusters', { schema: SCHEMAS.clusters }, async (request, reply) => {
    const query = request.query as { offset?: string; limit?: string };
    const offset = Number(query.offset ?? 0);
    const limit = Number(query.limit ?? 20);
    // Before the first scan: no clusters, and `scanned` null.
    const clusters = lastScan?.result.clusters ?? [];
    const page: ClusterPage = {
      scanned: lastScan?.finished ?? null,
      compared: lastScan?.result.compared ?? 0,
      total: clusters.length,
      offset,
      limit,
      clusters: clusters.slice(offset, offset + limit),
    };
    return page;
  });

  app.get('/api/stats', async () => store.corpusStats());

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerWeb(app);

  return app;
}

let documentsAdded = 0;

/** A posted document: its text, or the main text of its HTML; an id when none is given. */
async function toDocument(body: { id?: string; text?: string; html?: string; url?: string; date?: string; title?: string }): Promise<SourceDocument> {
  if (body.text === undefined && body.html === undefined) throw new UnspinError('E_BAD_ARGUMENT', 'body.text or body.html is required');
  const id = body.id ?? body.url ?? `posted-${Date.now()}-${++documentsAdded}`;
  const meta = { ...(body.url ? { url: body.url } : {}), ...(body.date ? { date: body.date } : {}), ...(body.title ? { title: body.title } : {}) };
  if (body.text !== undefined) {
    if (body.text.trim() === '') throw new UnspinError('E_EMPTY_INPUT', 'body.text is empty');
    return { id, text: body.text, ...meta };
  }
  const { extractHtml } = await import('../corpus/html.js');
  const page = extractHtml(body.html ?? '', body.url);
  if (!page) throw new UnspinError('E_EMPTY_INPUT', 'body.html has no main text');
  return { id, ...page, ...meta };
}
