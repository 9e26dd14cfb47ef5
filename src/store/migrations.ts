/**
 * The store's schema, one migration per version: MIGRATIONS[0] makes version 1, and so on. Migrations are only
 * ever appended; a released one never changes, since stores in the field already ran it.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the spin lexicon learned from verified copies and imported lists.
  `
  CREATE TABLE spin_pair (
    id INTEGER PRIMARY KEY,
    tortured TEXT NOT NULL,
    expected TEXT NOT NULL,
    -- distinct documents that taught the pair (rows of spin_pair_source)
    count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (tortured, expected)
  );
  CREATE INDEX spin_pair_by_count ON spin_pair (count DESC);
  CREATE TABLE spin_pair_source (
    pair_id INTEGER NOT NULL REFERENCES spin_pair (id) ON DELETE CASCADE,
    document TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (pair_id, document)
  ) WITHOUT ROWID;
  `,
  // 2: the corpus: documents and the fingerprint postings that find their copies.
  `
  CREATE TABLE document (
    number INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    -- SHA-1 of the text and its metadata: the same id with the same hash is not indexed again
    hash BLOB NOT NULL,
    text TEXT NOT NULL,
    title TEXT,
    author TEXT,
    date TEXT,
    url TEXT,
    words INTEGER NOT NULL,
    added TEXT NOT NULL,
    -- fingerprint keys posted for the document (for statistics)
    keys INTEGER NOT NULL
  );
  -- The inverted index of fingerprint keys (src/fingerprint: channel · 2^40 + band · 2^32 + hash, written in base 32
  -- as one token each), rowid = document number. FTS5 keeps it as compressed segments that are merged in the
  -- background: far cheaper to add to than one B-tree row per key, and half the size. Contentless: a replaced
  -- document's keys are deleted by giving them again.
  CREATE VIRTUAL TABLE posting USING fts5 (keys, content = '', detail = 'none', columnsize = 0, tokenize = 'ascii');
  `,
  // 3: the meaning channel: each document's meaning vector (src/fingerprint/meaning.ts), 8-bit. seq numbers the
  // writes in order (a replaced vector is written again, with a new seq): a process's nearest-neighbour index
  // applies the writes after the last one it holds (src/store/meaning-index.ts).
  `
  CREATE TABLE meaning (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    number INTEGER NOT NULL UNIQUE,
    vector BLOB NOT NULL
  );
  `,
  // 4: the meaning vectors without the unique index on number (14 bytes a document): a replaced document's vector is
  // written again under a new seq, and the store deletes the one it replaced when it closes (src/store/store.ts). The
  // table is copied, since SQLite cannot drop a UNIQUE constraint; its seq counter is carried over.
  `
  CREATE TABLE meaning_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    number INTEGER NOT NULL,
    vector BLOB NOT NULL
  );
  INSERT INTO meaning_log (seq, number, vector) SELECT seq, number, vector FROM meaning ORDER BY seq;
  DELETE FROM sqlite_sequence WHERE name = 'meaning_log';
  UPDATE sqlite_sequence SET name = 'meaning_log' WHERE name = 'meaning';
  DROP TABLE meaning;
  ALTER TABLE meaning_log RENAME TO meaning;
  `,
];

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;
