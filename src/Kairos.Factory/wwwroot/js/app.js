// The page's router (#/new, #/builds, #/builds/ID) and the token box in the header.
import { onTokenProblem, token, tokenIsValid } from './api.js';
import { renderBuild } from './build.js';
import { renderBuilds } from './builds.js';
import { el } from './format.js';
import { renderNewBuild } from './form.js';

const main = document.querySelector('#main');
const banner = document.querySelector('#token-banner');
const tokenForm = document.querySelector('#token-form');
const tokenInput = document.querySelector('#token-input');
const tokenStatus = document.querySelector('#token-status');
let leave = null;

function showBanner(message) {
  banner.textContent = message;
  banner.hidden = !message;
}

function showTokenState() {
  tokenStatus.textContent = token.get() ? 'Token saved for this session.' : 'No token.';
  tokenInput.value = '';
  tokenInput.placeholder = token.get() ? '•••••• (saved)' : 'kf_…';
  if (!token.get()) showBanner('Enter the API token to view, start, cancel or download builds (kairos-factory printed it at first start; it is in DATA_DIR/secrets/api-token). A server started with --public-read shows builds without it.');
}

tokenForm.addEventListener('submit', async event => {
  event.preventDefault();
  const candidate = tokenInput.value.trim();
  if (!candidate) {
    showBanner('The token box is empty: paste the API token first.');
    tokenInput.focus();
    return;
  }
  if (!(await tokenIsValid(candidate))) {
    showBanner('That token does not match this server\'s API token. Check DATA_DIR/secrets/api-token.');
    tokenInput.setAttribute('aria-invalid', 'true');
    tokenInput.focus();
    return;
  }
  tokenInput.removeAttribute('aria-invalid');
  showBanner('');
  token.set(candidate);
});
document.querySelector('#token-forget').addEventListener('click', () => token.clear());
token.onChange(() => { showTokenState(); route(); });
onTokenProblem(message => { showBanner(message); tokenInput.focus(); });

async function route() {
  leave?.();
  leave = null;
  const [path, query] = (location.hash.slice(1) || '/builds').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  document.querySelectorAll('[data-nav]').forEach(link =>
    link.toggleAttribute('aria-current', false) || (link.dataset.nav === parts[0] && !parts[1] && link.setAttribute('aria-current', 'page')));
  try {
    if (parts[0] === 'new') {
      document.title = 'New build · Kairos Factory';
      await renderNewBuild(main, params.get('clone'));
    } else if (parts[0] === 'builds' && parts[1]) {
      document.title = `Build ${parts[1].slice(-8)} · Kairos Factory`;
      leave = await renderBuild(main, parts[1]);
    } else {
      document.title = 'Builds · Kairos Factory';
      leave = renderBuilds(main, params.get('status'));
    }
  } catch (error) {
    main.replaceChildren(el('p', { class: 'notice bad', role: 'alert' }, error.status === 404 ? `No such build: ${parts[1]}` : `Could not load this page: ${error.message}`));
  }
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', route);
showTokenState();
if (token.get()) showBanner('');
route();
