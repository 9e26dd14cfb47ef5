/** JSON schemas of the API's requests: Fastify validates every body against them, and the OpenAPI document shows them. */
const text = { type: 'string', minLength: 1 } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' } as const;
const name = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const SCHEMAS = {
  compare: {
    summary: 'Is one text derived from the other, and how? (`unspin compare --json`)',
    body: {
      type: 'object',
      required: ['a', 'b'],
      additionalProperties: false,
      properties: { a: text, b: text, dateA: date, dateB: date },
    },
  },
  report: {
    summary: 'The self-contained HTML report of a comparison, both texts side by side (`unspin compare --html`)',
    body: {
      type: 'object',
      required: ['a', 'b'],
      additionalProperties: false,
      properties: { a: text, b: text, dateA: date, dateB: date, nameA: name, nameB: name },
    },
  },
  extract: {
    summary: 'The main text of an HTML page, with its title, author, date and URL, as `unspin index` reads it',
    body: {
      type: 'object',
      required: ['html'],
      additionalProperties: false,
      properties: { html: text, url: { type: 'string', maxLength: 2000 } },
    },
  },
  inspect: {
    summary: "A spinner's phrases in one text, with no source at hand (`unspin inspect --json`)",
    body: {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text, threshold: { type: 'number', minimum: 0, maximum: 1 } },
    },
  },
  restore: {
    summary: 'The most likely original wording, alone or with other copies (`unspin restore --json`)',
    body: {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text, with: { type: 'array', items: text, maxItems: 20 } },
    },
  },
  search: {
    summary: 'The stored copies of a text (`unspin search --json`)',
    body: {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text, limit: { type: 'integer', minimum: 1, maximum: 100 } },
    },
  },
  addDocument: {
    summary:
      'Index documents (`unspin index`): one as JSON {id?, text | html, url?, date?, title?}, or files (text, HTML, JSONL, WARC) ' +
      'as multipart/form-data, indexed as a job; needs the bearer token when the server has one',
    body: {
      content: {
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: false,
            properties: {
              id: { type: 'string', minLength: 1, maxLength: 2000 },
              text: { type: 'string' },
              html: { type: 'string' },
              url: { type: 'string', maxLength: 2000 },
              date,
              title: { type: 'string', maxLength: 2000 },
            },
          },
        },
        // The files are streamed and read by the corpus readers, which name what they cannot read.
        'multipart/form-data': { schema: {} },
      },
    },
  },
  jobId: {
    params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } },
  },
  clusters: {
    summary: 'The clusters of the last finished scan (`unspin scan --json`), a page at a time',
    querystring: {
      type: 'object',
      additionalProperties: false,
      // Query values are strings (the server coerces no types): whole numbers, limit 1 to 200.
      properties: { offset: { type: 'string', pattern: '^\\d{1,9}$' }, limit: { type: 'string', pattern: '^([1-9]\\d?|1\\d\\d|200)$' } },
    },
  },
  documentId: {
    params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 } } },
  },
} as const;
