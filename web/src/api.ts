import type {
  ClusterPage,
  Comparison,
  Extracted,
  Inspection,
  Job,
  Restoration,
  SearchResult,
  Stats,
  StoredDocument,
} from './types';

/** An answer the API gave as `{error: {code, message}}`, or a request that never reached it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The server has a token and this request did not carry the right one. */
  get needsToken(): boolean {
    return this.status === 401;
  }
}

const TOKEN_KEY = 'unspin.token';

/** The bearer token for writing endpoints, kept for this browser tab only. */
export function token(): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function setToken(value: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, value);
  } catch {
    // Storage refused (private mode): the token is asked for again next time.
  }
}

function authHeaders(): Record<string, string> {
  const t = token();
  return t ? { authorization: `Bearer ${t}` } : {};
}

const UNREACHABLE = 'Cannot reach the Unspin server. Is `unspin serve` still running?';

function errorFrom(status: number, statusText: string, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
  const message = typeof error?.message === 'string' ? error.message : `The server answered ${status} ${statusText}.`;
  return new ApiError(status, code, message);
}

function parse(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

async function send(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal | undefined): Promise<Response> {
  const init: RequestInit = { method, headers: method === 'POST' ? authHeaders() : {} };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  if (signal) init.signal = signal;
  try {
    return await fetch(path, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'E_NETWORK', UNREACHABLE);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await send(method, path, body, signal);
  const data = parse(await response.text());
  if (!response.ok) throw errorFrom(response.status, response.statusText, data);
  return data as T;
}

export interface PairInput {
  readonly a: string;
  readonly b: string;
  readonly dateA?: string;
  readonly dateB?: string;
}

export const api = {
  compare: (input: PairInput, signal?: AbortSignal) => call<Comparison>('POST', '/api/compare', input, signal),
  inspect: (text: string, signal?: AbortSignal) => call<Inspection>('POST', '/api/inspect', { text }, signal),
  restore: (text: string, signal?: AbortSignal) => call<Restoration>('POST', '/api/restore', { text }, signal),
  extract: (html: string) => call<Extracted>('POST', '/api/extract', { html }),
  search: (text: string, signal?: AbortSignal) => call<SearchResult>('POST', '/api/search', { text }, signal),
  document: (id: string, signal?: AbortSignal) => call<StoredDocument>('GET', `/api/documents/${encodeURIComponent(id)}`, undefined, signal),
  stats: () => call<Stats>('GET', '/api/stats'),
  scan: () => call<{ job: Job }>('POST', '/api/scan'),
  job: (id: string) => call<Job>('GET', `/api/jobs/${encodeURIComponent(id)}`),
  clusters: (offset: number, limit: number) => call<ClusterPage>('GET', `/api/clusters?offset=${offset}&limit=${limit}`),

  /** The self-contained HTML report, as a file to save. */
  async report(input: PairInput & { readonly nameA?: string; readonly nameB?: string }): Promise<Blob> {
    const response = await send('POST', '/api/report', input, undefined);
    if (!response.ok) throw errorFrom(response.status, response.statusText, parse(await response.text()));
    return response.blob();
  },

  /** Files as multipart/form-data: XMLHttpRequest, as fetch cannot report upload progress. */
  upload(files: readonly File[], onProgress: (sent: number, total: number) => void): Promise<Job> {
    return new Promise((resolve, reject) => {
      const form = new FormData();
      files.forEach((file, i) => form.append(`file${i}`, file, file.name));
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/documents');
      for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
      xhr.onload = () => {
        const data = parse(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) resolve((data as { job: Job }).job);
        else reject(errorFrom(xhr.status, xhr.statusText, data));
      };
      xhr.onerror = () => reject(new ApiError(0, 'E_NETWORK', UNREACHABLE));
      xhr.send(form);
    });
  },
};

/** Polls a job until it finishes, reporting each state; a failed job rejects with its error. */
export async function waitForJob(job: Job, onUpdate: (job: Job) => void): Promise<Job> {
  let current = job;
  let delay = 150;
  while (current.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(1000, delay * 1.5);
    current = await api.job(job.id);
    onUpdate(current);
  }
  if (current.state === 'failed') throw new ApiError(500, 'E_JOB_FAILED', current.error ?? 'the job failed');
  return current;
}
