import { useState } from 'preact/hooks';
import { api } from './api';

/** A file read for a text box: its text, and a name and date when the file gave them. */
export interface LoadedText {
  readonly text: string;
  readonly name: string;
  readonly date?: string;
}

export const TEXT_FILE_TYPES = '.txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html';

const HTML = /\.html?$/i;
const TEXT = /\.(txt|md|markdown|text)$/i;

/** Plain text and Markdown as they are; HTML pages reduced to their main text by the server, as `unspin index` reads them. */
export async function readTextFile(file: File): Promise<LoadedText> {
  if (HTML.test(file.name) || file.type === 'text/html') {
    const page = await api.extract(await file.text());
    return { text: page.text, name: page.title ?? file.name, ...(page.date ? { date: page.date.slice(0, 10) } : {}) };
  }
  if (TEXT.test(file.name) || file.type.startsWith('text/')) return { text: await file.text(), name: file.name };
  throw new Error(`${file.name}: only .txt, .md and .html files can be read here.`);
}

/** A drop target for files: whether files are held over it, and the handlers that take them. */
export function useFileDrop(onFiles: (files: FileList) => void): {
  readonly over: boolean;
  readonly handlers: { onDragOver: (e: DragEvent) => void; onDragLeave: () => void; onDrop: (e: DragEvent) => void };
} {
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver: (e) => {
        e.preventDefault();
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e) => {
        e.preventDefault();
        setOver(false);
        if (e.dataTransfer?.files.length) onFiles(e.dataTransfer.files);
      },
    },
  };
}
