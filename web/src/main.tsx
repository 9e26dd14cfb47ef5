import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { CompareView } from './compare';
import { CorpusView } from './corpus';
import { InspectView } from './inspect';
import { CorpusPair } from './pair';
import { useRoute, type View } from './routes';
import { installTooltip } from './tooltip';

const VIEWS: { view: View; label: string }[] = [
  { view: 'compare', label: 'Compare' },
  { view: 'inspect', label: 'Inspect' },
  { view: 'corpus', label: 'Corpus' },
];

function Logo() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <rect x="1" y="1" width="22" height="22" rx="5" fill="#1e3a8a" />
      <path d="M6 8h7M6 12h12M6 16h9" stroke="#bfdbfe" stroke-width="2" stroke-linecap="round" />
      <path d="M15 6.5l3 1.5-3 1.5" fill="none" stroke="#fde68a" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

/** The three views stay mounted once visited (hidden when not shown): switching keeps each one's work. */
function App() {
  const route = useRoute();
  // Adding the shown view is idempotent, so it may happen while rendering.
  const visited = useRef(new Set<View>()).current;
  visited.add(route.view);
  const pair = route.view === 'corpus' && route.pair;
  const title = pair ? 'Pair' : VIEWS.find((v) => v.view === route.view)?.label;
  useEffect(() => {
    document.title = `${title} · Unspin`;
  }, [title]);
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          // Not a hash change: the hash is the route.
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="#/compare">
            <Logo />
            <span>Unspin</span>
          </a>
          <nav aria-label="Views">
            <ul>
              {VIEWS.map(({ view, label }) => (
                <li>
                  <a href={`#/${view}`} aria-current={route.view === view ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <span class="tagline">Find where a text came from, even after it was rewritten</span>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {visited.has('compare') && (
          <div hidden={route.view !== 'compare'}>
            <CompareView />
          </div>
        )}
        {visited.has('inspect') && (
          <div hidden={route.view !== 'inspect'}>
            <InspectView />
          </div>
        )}
        {visited.has('corpus') && (
          <div hidden={route.view !== 'corpus' || !!pair}>
            <CorpusView active={route.view === 'corpus' && !pair} />
          </div>
        )}
        {pair && <CorpusPair params={pair} />}
      </main>
    </>
  );
}

installTooltip();
const root = document.getElementById('app');
if (root) render(<App />, root);
