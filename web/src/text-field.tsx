import { useRef, useState } from 'preact/hooks';
import { count, wordCount } from './format';
import { type LoadedText, readTextFile, TEXT_FILE_TYPES, useFileDrop } from './files';
import type { NamedText } from './types';
import { ErrorAlert, Spinner } from './ui';

/**
 * A text box that also takes a dropped or chosen file (.txt/.md as they are, .html by its main text),
 * with an optional publication date. Ctrl+Enter (⌘+Enter) submits.
 */
export function TextField(props: {
  id: string;
  label: string;
  value: NamedText;
  onChange: (value: NamedText) => void;
  onSubmit: () => void;
  placeholder: string;
  withDate?: boolean;
  rows?: number;
}) {
  const { value, onChange } = props;
  const drop = useFileDrop((list) => void load(list[0]));
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<unknown>();
  const picker = useRef<HTMLInputElement>(null);

  const load = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    setReading(true);
    try {
      const loaded: LoadedText = await readTextFile(file);
      onChange({ text: loaded.text, name: loaded.name, ...(loaded.date ? { date: loaded.date } : value.date ? { date: value.date } : {}) });
    } catch (e) {
      setError(e);
    } finally {
      setReading(false);
    }
  };

  const words = wordCount(value.text);
  return (
    <div class="field">
      <div class="field-head">
        <label for={props.id} class="field-label">
          {props.label}
          {value.name && <span class="field-file">{value.name}</span>}
        </label>
        <button type="button" class="btn small ghost" onClick={() => picker.current?.click()}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M3 1.5h6l4 4v9H3z M9 1.5v4h4" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round" />
          </svg>
          Open file…
        </button>
        <input
          ref={picker}
          type="file"
          accept={TEXT_FILE_TYPES}
          class="visually-hidden"
          tabIndex={-1}
          aria-label={`${props.label}: open a file`}
          onChange={(e) => {
            void load(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <div
        class={drop.over ? 'drop over' : 'drop'}
        {...drop.handlers}
      >
        <textarea
          id={props.id}
          rows={props.rows ?? 10}
          spellcheck={false}
          placeholder={props.placeholder}
          value={value.text}
          onInput={(e) => onChange({ ...value, text: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              props.onSubmit();
            }
          }}
        />
        {reading && (
          <div class="drop-busy">
            <Spinner /> Reading the file…
          </div>
        )}
      </div>
      <div class="field-foot">
        <span class="muted">{words ? `${count(words)} words` : 'Paste text, or drop a .txt, .md or .html file'}</span>
        {props.withDate && (
          <label class="date">
            Published{' '}
            <input
              type="date"
              value={value.date ?? ''}
              onInput={(e) => {
                const date = e.currentTarget.value;
                const { date: _old, ...rest } = value;
                onChange(date ? { ...rest, date } : rest);
              }}
            />
          </label>
        )}
      </div>
      {error !== undefined && <ErrorAlert error={error} />}
    </div>
  );
}
