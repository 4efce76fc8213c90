// One build: configuration, per-step progress, the live log (replayed from the start on every load), cancel, downloads, clone.
import { ApiError, call, getJson } from './api.js';
import { baseOf, duration, el, failingStep, shortId, size, when } from './format.js';
import { followLog } from './follow.js';
import { StepTracker } from './logsteps.js';

const MAX_LOG_LINES = 5000;

export async function renderBuild(main, id) {
  const [config, first] = await Promise.all([getJson('/config'), getJson(`/builds/${encodeURIComponent(id)}`)]);
  let build = first;
  // queued and running: every status but the finished ones GET /config lists
  const active = () => !config.finished_statuses.includes(build.status);
  const tracker = new StepTracker();
  const heading = el('h2', {});
  const status = el('div', { id: 'build-status', role: 'status' });
  const steps = el('ol', { class: 'steps', id: 'steps', 'aria-label': 'Steps' });
  const log = el('pre', { class: 'log', id: 'log', tabindex: '0', 'aria-label': 'Build log' });
  const follow = el('input', { type: 'checkbox', id: 'follow', checked: true });
  const downloads = el('div', { id: 'downloads' });
  const cancel = el('button', { type: 'button', class: 'danger', id: 'cancel' }, 'Cancel build');
  const actions = el('div', { class: 'actions' }, cancel, el('a', { class: 'button secondary', id: 'clone', href: `#/new?clone=${build.id}` }, 'Clone this build'));

  main.replaceChildren(heading, status, actions,
    el('div', { class: 'grid2' },
      el('section', { 'aria-labelledby': 'config-title' }, el('h3', { id: 'config-title' }, 'Configuration'), configList(build)),
      el('section', { 'aria-labelledby': 'steps-title' }, el('h3', { id: 'steps-title' }, 'Steps'), steps)),
    el('section', { 'aria-labelledby': 'downloads-title' }, el('h3', { id: 'downloads-title' }, 'Downloads'), downloads),
    el('section', { 'aria-labelledby': 'log-title' }, el('h3', { id: 'log-title' }, 'Log'),
      el('label', {}, follow, ' Follow the end of the log'), log));

  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      build = await call('POST', `/builds/${build.id}/cancel`);
      show();
    } catch (error) {
      cancel.disabled = false;
      status.replaceChildren(el('p', { class: 'notice bad' }, `Cancel failed: ${error.message}`));
    }
  });

  let lines = 0;
  function addLine(line) {
    const before = tracker.current()?.name;
    tracker.add(line);
    if (tracker.current()?.name !== before && build.status === 'running') show();
    lines++;
    log.append(line + '\n');
    if (lines > MAX_LOG_LINES) log.firstChild.remove();
    if (follow.checked) log.scrollTop = log.scrollHeight;
    showSteps();
  }

  function showSteps() {
    const state = build.status;
    const running = build.status === 'running';
    const failedAt = state === 'failed' ? failingStep(build.message) || tracker.current()?.name : null;
    steps.replaceChildren(...tracker.durations(running).map((step, index, all) => {
      const stepState = step.name === failedAt ? 'failed' : running && index === all.length - 1 ? 'running' : 'done';
      return el('li', { class: stepState, 'data-step': step.name },
        el('span', { class: 'name' }, step.name),
        el('span', { class: 'state' }, stepState === 'done' ? 'done' : stepState),
        el('span', { class: 'duration' }, duration(step.ms)));
    }));
  }

  function show() {
    const state = build.status;
    heading.replaceChildren(`Build #${shortId(build.id)} `, el('span', { class: `badge ${state}`, id: 'state' }, state));
    cancel.hidden = !active();
    cancel.disabled = false;
    const current = tracker.current();
    const notes = {
      queued: el('p', { class: 'notice' }, 'Queued: waiting for a free worker.'),
      running: el('p', { class: 'notice' }, 'Running', current ? [': step ', el('strong', {}, current.name)] : '', build.started_at ? ` (started ${when(build.started_at)})` : ''),
      succeeded: el('p', { class: 'notice ok' }, `Succeeded in ${duration(Date.parse(build.finished_at) - Date.parse(build.started_at))}. Artifacts are kept until ${when(build.artifacts_expire_at)}.`),
      failed: failedNotice(),
      interrupted: el('p', { class: 'notice bad' }, 'Interrupted: the server restarted while this build ran. Clone it to run it again.'),
      cancelled: el('p', { class: 'notice' }, `Cancelled ${when(build.finished_at)}.`),
    };
    status.replaceChildren(notes[state]);
    showSteps();
  }

  function failedNotice() {
    const step = failingStep(build.message) || tracker.current()?.name;
    const tail = (tracker.byName.get(step)?.lines || []).slice(-8).join('\n');
    return el('div', { class: 'notice bad', id: 'failure' },
      el('p', {}, el('strong', {}, step ? `Failed at step "${step}"` : 'Failed'), `: ${build.message || ''}`),
      tail ? el('pre', { class: 'tail' }, tail) : null);
  }

  async function showDownloads() {
    if (build.status !== 'succeeded') {
      downloads.replaceChildren(el('p', { class: 'hint' }, active() ? 'Files appear here when the build succeeds.' : 'This build made no files.'));
      return;
    }
    try {
      const artifacts = await getJson(`/builds/${build.id}/artifacts`);
      downloads.replaceChildren(
        el('p', { class: 'hint', id: 'retention' }, `Kept until ${when(build.artifacts_expire_at)}; then deleted by retention. Download links last a few minutes: reload the page for new ones.`),
        el('table', { class: 'downloads' },
          el('thead', {}, el('tr', {}, el('th', {}, 'File'), el('th', {}, 'Size'), el('th', {}, 'sha256'))),
          el('tbody', {}, artifacts.map(artifact => el('tr', {},
            el('td', {}, el('a', { href: artifact.url, download: artifact.name, 'data-name': artifact.name }, artifact.description), el('br'), el('small', {}, artifact.name)),
            el('td', {}, size(artifact.size)),
            el('td', {}, el('code', {}, artifact.sha256)))))));
    } catch (error) {
      downloads.replaceChildren(el('p', { class: 'notice bad' }, error instanceof ApiError && error.status === 410 ? `Deleted by retention: ${error.message}` : error.message));
    }
  }

  show();
  showDownloads();
  const stop = followLog(build.id, {
    onLine: line => {
      addLine(line);
      if (build.status === 'queued') refresh();
    },
    onEnd: () => refresh(),
  });
  const timer = setInterval(() => build.status === 'running' && showSteps(), 1000);

  async function refresh() {
    build = await getJson(`/builds/${build.id}`);
    show();
    if (build.status === 'succeeded') showDownloads();
    else if (!active()) downloads.replaceChildren(el('p', { class: 'hint' }, 'This build made no files.'));
  }

  return () => { stop(); clearInterval(timer); };
}

function configList(build) {
  const outputs = Object.entries(build.artifacts).filter(([, on]) => on).map(([name]) => name).join(', ');
  const rows = [
    ['Base', baseOf(build)], ['Architecture', build.architecture], ['Model', build.model], ['Variant', build.variant],
    ['Kubernetes', build.kubernetes_distribution ? `${build.kubernetes_distribution} ${build.kubernetes_version || '(pinned default)'}` : null],
    ['Kairos version', build.version], ['Trusted Boot', build.trusted_boot ? 'yes' : 'no'], ['FIPS', build.fips ? 'yes' : 'no'], ['Cloud-config', build.has_cloud_config ? 'given (not shown)' : 'none'],
    ['Outputs', outputs], ['Builder', build.builder], ['Queued', when(build.created_at)], ['Id', build.id],
  ].filter(([, value]) => value);
  return el('dl', { class: 'config', id: 'config' }, rows.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}
