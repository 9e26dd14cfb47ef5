import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, setToken, token } from './api';

export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

/** A button that shows a spinner and a busy label while its work runs. */
export function BusyButton(props: {
  busy: boolean;
  label: string;
  busyLabel: string;
  onClick: () => void;
  primary?: boolean;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      class={props.primary ? 'btn primary' : 'btn'}
      onClick={props.onClick}
      disabled={props.busy || props.disabled}
      aria-busy={props.busy}
    >
      {props.busy && <Spinner />}
      {props.busy ? props.busyLabel : props.label}
    </button>
  );
}

/**
 * An error in words, where the work was asked for. A 401 asks for the server's token instead,
 * keeps it for this tab, and runs the work again.
 */
export function ErrorAlert({ error, retry }: { error: unknown; retry?: () => void }) {
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const asksToken = error instanceof ApiError && error.needsToken && retry !== undefined;
  useEffect(() => {
    if (asksToken) input.current?.focus();
  }, [asksToken]);
  if (asksToken) {
    return (
      <form
        class="alert token"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) return;
          setToken(value.trim());
          retry?.();
        }}
      >
        <p>
          {token() === undefined ? (
            <>
              <strong>This server needs an access token for this action.</strong> Ask whoever runs it for the token given to{' '}
              <code>unspin serve --token</code>.
            </>
          ) : (
            <strong>The server did not accept the token. Check it and try again.</strong>
          )}
        </p>
        <div class="row">
          <label>
            Token
            <input ref={input} type="password" autocomplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} required />
          </label>
          <button type="submit" class="btn primary">
            Use token and retry
          </button>
        </div>
      </form>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const lead = !(error instanceof ApiError) ? '' : error.status === 0 ? 'No connection. ' : error.status >= 500 ? 'Server error. ' : '';
  return (
    <div class="alert error" role="alert">
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
        <circle cx="10" cy="10" r="9" fill="currentColor" />
        <path d="M10 5v6M10 14v1" stroke="#fff" stroke-width="2" stroke-linecap="round" />
      </svg>
      <div>
        {lead && <strong>{lead}</strong>}
        {message}
      </div>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children && <p>{children}</p>}
    </div>
  );
}

/** A progress bar; without a total it shows activity only. */
export function Progress({ value, total, label }: { value: number; total: number; label: string }) {
  const known = total > 0;
  const share = known ? Math.min(1, value / total) : 0;
  return (
    <div class="progress-wrap">
      <div
        class={known ? 'progress' : 'progress indeterminate'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? 100 : undefined}
        aria-valuenow={known ? Math.round(share * 100) : undefined}
      >
        <div class="progress-bar" style={known ? { width: `${share * 100}%` } : {}} />
      </div>
      <div class="progress-label" aria-live="polite">
        {label}
      </div>
    </div>
  );
}

export function Card({ title, actions, children, class: extra }: { title?: ComponentChildren; actions?: ComponentChildren; children: ComponentChildren; class?: string }) {
  return (
    <section class={extra ? `card ${extra}` : 'card'}>
      {(title || actions) && (
        <header class="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div class="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
