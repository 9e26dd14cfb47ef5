import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { UnspinError } from '../errors.js';

/** What every shipped model file records: its format, so that code and model never silently disagree. */
export interface ModelFile {
  readonly format: string;
}

/** Reads a gzipped JSON model; a missing, damaged or outdated file is our fault, named with the script that makes it. */
export function readModelFile<T extends ModelFile>(url: URL, format: string, script: string): T {
  const path = fileURLToPath(url);
  let model: T;
  try {
    model = JSON.parse(gunzipSync(readFileSync(url)).toString('utf8')) as T;
  } catch (error) {
    throw new UnspinError('E_INTERNAL', `cannot read the model ${path}; run ${script}`, { cause: error });
  }
  if (model.format !== format) throw new UnspinError('E_INTERNAL', `${path} is not a ${format} model; run ${script}`);
  return model;
}

export function writeModelFile(url: URL, model: ModelFile): void {
  writeFileSync(url, gzipSync(`${JSON.stringify(model)}\n`, { level: 9 }));
}
