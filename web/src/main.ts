/** The workbench's pages, one per hash route (#/run, #/nucleation, #/compare, #/evidence, #/cycler, #/sweeps); #/run/<id> opens a run. */
import './style.css';
import { api } from './api';
import { mountRun } from './pages/run';
import { mountCompare } from './pages/compare';
import { mountEvidence } from './pages/evidence';
import { mountCycler } from './pages/cycler';
import { mountSweeps } from './pages/sweeps';
import { mountNucleation } from './pages/nucleation';

const PAGES: Record<string, (el: HTMLElement) => (() => void) | void> = {
  run: mountRun, nucleation: mountNucleation, compare: mountCompare, evidence: mountEvidence, cycler: mountCycler, sweeps: mountSweeps,
};

let cleanup: (() => void) | void;

function route(): void {
  // the page's name is the route's first part: #/run/<id> is the Run page with a run open (mends114)
  const name = (location.hash.replace(/^#\/?/, '').split(/[?/]/)[0] || 'run');
  const page = PAGES[name] ? name : 'run';
  cleanup?.();
  const el = document.getElementById('page')!;
  el.innerHTML = '';
  el.dataset.page = page;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) a.classList.toggle('active', a.dataset.page === page);
  cleanup = PAGES[page]!(el);
}

window.addEventListener('hashchange', route);
route();
// the header's counts follow the server (read once at load, they said "1 running" long after the run had ended)
const health = () => api('health').then((hh) => { document.getElementById('health')!.textContent = `${hh.running} running, ${hh.queued} queued, ${hh.concurrency} at once`; }).catch(() => {});
void health();
window.setInterval(() => { if (!document.hidden) void health(); }, 3000);
