/**
 * One floating tooltip for the whole app. Any element with `data-tip` shows it on hover and on keyboard
 * focus; an element inside others with tips shows theirs too, innermost first. Each tip's first line is
 * its heading. Escape hides it. Event delegation: texts with thousands of marks add no listeners.
 */

const GAP = 8;

let tip: HTMLDivElement;
/** The element the tip is shown for, and the pointer's position when a mouse showed it. */
let anchor: { el: HTMLElement; x?: number; y?: number } | undefined;

function tipsFrom(el: HTMLElement): string[] {
  const tips: string[] = [];
  for (let t: HTMLElement | null = el; t; t = t.parentElement?.closest<HTMLElement>('[data-tip]') ?? null) {
    if (t.dataset['tip']) tips.push(t.dataset['tip']);
  }
  return tips;
}

function fill(tips: readonly string[]): void {
  tip.replaceChildren(
    ...tips.map((text) => {
      const [head = '', ...rest] = text.split('\n');
      const block = document.createElement('div');
      const strong = document.createElement('strong');
      strong.textContent = head;
      block.append(strong);
      for (const line of rest) {
        const p = document.createElement('div');
        p.textContent = line;
        block.append(p);
      }
      return block;
    }),
  );
}

/** The line box of an inline element nearest the pointer (a passage may wrap over many lines), or its first. */
function lineRect(el: HTMLElement, y: number | undefined): DOMRect {
  const rects = [...el.getClientRects()];
  if (rects.length === 0) return el.getBoundingClientRect();
  if (y === undefined) return rects[0]!;
  return rects.reduce((best, r) => (Math.abs((r.top + r.bottom) / 2 - y) < Math.abs((best.top + best.bottom) / 2 - y) ? r : best));
}

function place(): void {
  if (!anchor) return;
  if (!anchor.el.isConnected) {
    hide();
    return;
  }
  const r = lineRect(anchor.el, anchor.y);
  if (r.bottom < 0 || r.top > innerHeight) {
    hide();
    return;
  }
  const { offsetWidth: w, offsetHeight: h } = tip;
  const x = anchor.x ?? r.left;
  const left = Math.max(GAP, Math.min(x - 12, innerWidth - w - GAP));
  const top = r.top - h - GAP >= GAP ? r.top - h - GAP : r.bottom + GAP;
  tip.style.left = `${Math.round(left)}px`;
  tip.style.top = `${Math.round(top)}px`;
}

function show(el: HTMLElement, x?: number, y?: number): void {
  const tips = tipsFrom(el);
  if (tips.length === 0) return hide();
  if (anchor?.el !== el || tip.hidden) fill(tips);
  anchor = { el, ...(x !== undefined ? { x } : {}), ...(y !== undefined ? { y } : {}) };
  tip.hidden = false;
  place();
}

function hide(): void {
  anchor = undefined;
  tip.hidden = true;
}

function tipTarget(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('[data-tip]') : null;
}

export function installTooltip(): void {
  tip = document.createElement('div');
  tip.id = 'tip';
  tip.className = 'tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);

  document.addEventListener('mouseover', (e) => {
    const el = tipTarget(e.target);
    if (el) show(el, e.clientX, e.clientY);
    else if (anchor && anchor.x !== undefined) hide();
  });
  document.addEventListener('mousemove', (e) => {
    // The tip follows the pointer from line to line of a wrapped passage.
    if (anchor?.x !== undefined && tipTarget(e.target) === anchor.el) {
      anchor = { el: anchor.el, x: e.clientX, y: e.clientY };
      place();
    }
  });
  document.addEventListener('focusin', (e) => {
    const el = tipTarget(e.target);
    // Keyboard focus only: a click focuses too, and the pointer has already shown the tip.
    if (el && el === e.target && el.matches(':focus-visible')) {
      el.setAttribute('aria-describedby', 'tip');
      show(el);
    } else if (!el) hide();
  });
  document.addEventListener('focusout', (e) => {
    if (e.target instanceof HTMLElement) e.target.removeAttribute('aria-describedby');
    if (anchor?.el === e.target) hide();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !tip.hidden) hide();
  });
  document.addEventListener('scroll', () => place(), { capture: true, passive: true });
  addEventListener('resize', () => hide());
}
