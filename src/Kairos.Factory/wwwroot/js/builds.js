// Builds: the list with a status filter, refreshed in place every 2 s, with each state spelled out.
import { getJson } from './api.js';
import { baseOf, el, failingStep, shortId, when } from './format.js';
import { followLog } from './follow.js';
import { StepTracker } from './logsteps.js';

const REFRESH_MS = 2000;

// the filter offers every status the server has (GET /config's statuses)
export function renderBuilds(main, filter) {
  filter = filter || 'all';
  const select = el('select', { id: 'status-filter' }, el('option', { value: filter, selected: true }, filter));
  getJson('/config').then(config => {
    if (filter !== 'all' && !config.statuses.includes(filter)) { location.hash = '#/builds'; return; }
    select.replaceChildren(...['all', ...config.statuses].map(name => el('option', { value: name, selected: name === filter }, name)));
  }).catch(() => {});
  const list = el('ul', { class: 'builds', id: 'build-list', 'aria-live': 'polite' });
  const summary = el('p', { class: 'hint', id: 'build-count' });
  main.replaceChildren(el('h2', {}, 'Builds'),
    el('div', { class: 'toolbar' }, el('label', { for: 'status-filter' }, 'Status'), select, el('a', { class: 'button', href: '#/new' }, 'New build')),
    summary, list);
  select.addEventListener('change', () => { location.hash = select.value === 'all' ? '#/builds' : `#/builds?status=${select.value}`; });

  const followers = new Map(); // id -> { tracker, close }
  const cards = new Map();
  let stopped = false;

  async function refresh() {
    if (stopped) return;
    try {
      const page = await getJson(`/builds?limit=50${filter === 'all' ? '' : `&status=${encodeURIComponent(filter)}`}`);
      const builds = page.builds;
      summary.textContent = builds.length ? `${builds.length} of ${page.total} builds, newest first; updates live.` : 'No builds here yet.';
      const ids = new Set(builds.map(build => build.id));
      for (const [id, card] of cards) if (!ids.has(id)) { card.remove(); cards.delete(id); }
      builds.forEach((build, index) => {
        const card = cardFor(build);
        if (list.children[index] !== card) list.insertBefore(card, list.children[index] || null);
      });
    } catch (error) {
      summary.textContent = `Could not load the builds: ${error.message}`;
    }
  }

  function cardFor(build) {
    let card = cards.get(build.id);
    if (!card) {
      card = el('li', { class: 'build-card', 'data-id': build.id });
      cards.set(build.id, card);
    }
    const state = build.status;
    const key = `${build.status}|${build.message}|${followers.get(build.id)?.tracker.current()?.name}|${followers.get(build.id)?.tail}`;
    if (card.dataset.key === key) return card;
    card.dataset.key = key;
    card.dataset.state = state;
    card.replaceChildren(
      el('h3', {}, el('a', { href: `#/builds/${build.id}` }, `${baseOf(build)} · ${build.variant} ${build.architecture} · ${build.version}`),
        el('span', { class: `badge ${state}` }, state)),
      el('div', { class: 'meta' }, `#${shortId(build.id)} · ${build.model} · ${build.builder} · queued ${when(build.created_at)}`),
      detail(build, state));
    return card;
  }

  function detail(build, state) {
    if (state === 'queued') return el('p', { class: 'detail' }, 'Waiting for a free worker.');
    if (state === 'running') {
      watch(build);
      const step = followers.get(build.id).tracker.current();
      return el('p', { class: 'detail step' }, 'Running: ', el('strong', {}, step ? step.name : 'starting'));
    }
    if (state === 'failed') {
      watch(build);
      const step = failingStep(build.message);
      const tail = followers.get(build.id).tail;
      return el('div', { class: 'detail' }, el('p', { class: 'error' }, step ? `Failed at step ${step}` : 'Failed', `: ${build.message}`),
        tail ? el('pre', { class: 'tail' }, tail) : null);
    }
    if (state === 'interrupted') return el('p', { class: 'detail' }, 'Interrupted: the server restarted while this build ran. Clone it to run it again.');
    if (state === 'cancelled') return el('p', { class: 'detail' }, `Cancelled ${when(build.finished_at)}.`);
    return el('p', { class: 'detail' }, `Succeeded ${when(build.finished_at)}; artifacts kept until ${when(build.artifacts_expire_at)}.`);
  }

  // running builds: the current step; failed builds: the failing step's last lines (the log is read once)
  function watch(build) {
    if (followers.has(build.id)) return;
    const tracker = new StepTracker();
    const entry = { tracker, tail: '' };
    followers.set(build.id, entry);
    entry.close = followLog(build.id, {
      onLine: line => { tracker.add(line); if (build.status === 'running') refreshSoon(); },
      onEnd: () => {
        const failed = tracker.byName.get(failingStep(build.message) || '') || tracker.current();
        entry.tail = failed ? failed.lines.slice(-5).join('\n') : '';
        refreshSoon();
      },
    });
  }

  let pending = null;
  function refreshSoon() {
    if (!pending) pending = setTimeout(() => { pending = null; refresh(); }, 300);
  }

  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(pending);
    followers.forEach(entry => entry.close());
  };
}
