// The planner's workspace: sign in, then the bureau's records, one's access tokens and (admins) the accounts. The view
// and language live in the URL hash (#view=records&lang=zh). Every view says it is ready with body[data-ready].
import { el } from '../dom.js';
import { languageFromBrowser } from '../i18n.js';
import { call, antiforgery, useAntiforgery, Problem } from './api.js';
import { w } from './words.js';
import { recordsView } from './records.js';
import { tokensView, accountsView } from './accounts.js';
import { uploadView } from './upload.js';
import { inboxView } from './inbox.js';

const $ = (selector) => document.querySelector(selector);
const params = new URLSearchParams(location.hash.replace(/^#/, ''));
const page = { lang: ['zh', 'en'].includes(params.get('lang')) ? params.get('lang') : languageFromBrowser(), view: params.get('view') ?? 'records',
  job: params.get('job') };
let session = null;
let config = null;

const views = {
  records: { label: 'records', render: (root) => recordsView(root, context()) },
  upload: { label: 'upload', render: (root) => uploadView(root, context()) },
  inbox: { label: 'inbox', render: (root) => inboxView(root, context()) },
  tokens: { label: 'tokens', render: (root) => tokensView(root, context()) },
  accounts: { label: 'accounts', admin: true, render: (root) => accountsView(root, context()) },
  password: { label: 'changePassword', render: (root) => passwordView(root) },
};

const context = () => ({ lang: page.lang, session, config, say, param });

/** A value the URL keeps for the view (the import job under review): read it, or set it (null removes it). */
function param(key, value) {
  if (value !== undefined) { page[key] = value; remember(); }
  return page[key];
}

function say(message, kind = 'info') {
  const status = $('#status');
  status.textContent = message;
  status.className = kind;
}

function remember() {
  const hash = new URLSearchParams({ view: page.view, lang: page.lang });
  if (page.view === 'upload' && page.job) hash.set('job', page.job);
  history.replaceState(null, '', `#${hash}`);
}

async function render() {
  document.body.dataset.ready = 'false';
  document.documentElement.lang = page.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = w('title', page.lang);
  $('#title').textContent = w('title', page.lang);
  $('#language').textContent = w('language', page.lang);
  $('#signout').textContent = w('signOut', page.lang);
  $('#signout').hidden = !session;
  const root = $('#view');
  root.replaceChildren();
  $('#nav').replaceChildren();
  if (!session) {
    $('#who').textContent = '';
    signInView(root);
  } else {
    const bureau = session.bureau ? (page.lang === 'zh' ? session.bureauNameZh : session.bureauNameEn) : w('allBureaus', page.lang);
    $('#who').textContent = `${session.userName} · ${bureau}`;
    if (session.mustChangePassword) page.view = 'password';
    if (!views[page.view] || (views[page.view].admin && session.role !== 'admin')) page.view = 'records';
    for (const [id, view] of Object.entries(views)) {
      if ((view.admin && session.role !== 'admin') || (session.mustChangePassword && id !== 'password')) continue;
      $('#nav').append(el('a', { href: `#view=${id}&lang=${page.lang}`, 'data-view': id, 'aria-current': id === page.view ? 'page' : false,
        onclick: (e) => { e.preventDefault(); page.view = id; render(); } }, w(view.label, page.lang)));
    }
    remember();
    try {
      await views[page.view].render(root);
    } catch (e) {
      if (e instanceof Problem && e.status === 401) { session = null; return render(); }
      say(e.message, 'error');
    }
  }
  document.body.dataset.view = session ? page.view : 'signin';
  document.body.dataset.ready = 'true';
}

function signInView(root) {
  const error = el('p', { class: 'error', id: 'signin-error', role: 'alert' });
  const form = el('form', { class: 'box', id: 'signin', onsubmit: async (e) => {
    e.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    try {
      await antiforgery();
      const { json } = await call('/workspace/session', { method: 'POST', body: { userName: data.get('userName'), password: data.get('password') } });
      useAntiforgery(json.antiforgeryToken);
      session = json;
      await render();
    } catch (problem) {
      const key = problem.status === 401 ? 'wrongPassword' : problem.title === 'Account locked' ? 'locked' : problem.title === 'Account disabled' ? 'disabled' : null;
      error.textContent = key ? w(key, page.lang) : problem.message;
      error.dataset.status = problem.status ?? '';
      document.body.dataset.ready = 'true';
    }
  } },
  el('h2', {}, w('signIn', page.lang)),
  el('label', {}, w('userName', page.lang), el('input', { name: 'userName', autocomplete: 'username', required: true, autofocus: true })),
  el('label', {}, w('password', page.lang), el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
  el('button', { class: 'primary', type: 'submit' }, w('signIn', page.lang)),
  error);
  // A zone with its own identity provider: its sign-in, instead of (or beside) the local accounts' form.
  const provider = config.identityProvider
    ? el('p', {}, el('a', { class: 'button primary', id: 'signin-provider', href: '/workspace/signin/oidc' }, w('signInWith', page.lang, { provider: config.identityProvider })))
    : null;
  const failed = params.get('signin') === 'failed' ? el('p', { class: 'error', id: 'provider-failed', role: 'alert' }, w('providerFailed', page.lang)) : null;
  root.append(...[config.localAccounts ? form : el('h2', {}, w('signIn', page.lang)), provider, failed].filter(Boolean));
  (config.localAccounts ? form.querySelector('input') : provider?.querySelector('a'))?.focus();
}

function passwordView(root) {
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'box', id: 'password', onsubmit: async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    if (data.get('newPassword') !== data.get('repeat')) { error.textContent = w('notSame', page.lang); return; }
    try {
      const { json } = await call('/workspace/session/password', { method: 'POST',
        body: { currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') } });
      useAntiforgery(json.antiforgeryToken);
      session = json;
      page.view = 'records';
      say(w('passwordChanged', page.lang));
      await render();
    } catch (problem) {
      error.textContent = problem.errors?.length ? problem.errors.map((x) => x.message).join(' ') : problem.message;
    }
  } },
  el('h2', {}, w('changePassword', page.lang)),
  session.mustChangePassword ? el('p', { class: 'notice', id: 'must-change' }, w('mustChange', page.lang)) : null,
  el('label', {}, w('currentPassword', page.lang), el('input', { name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true })),
  el('label', {}, w('newPassword', page.lang), el('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true })),
  el('label', {}, w('repeatPassword', page.lang), el('input', { name: 'repeat', type: 'password', autocomplete: 'new-password', required: true })),
  el('button', { class: 'primary', type: 'submit' }, w('changePassword', page.lang)),
  error);
  root.append(form);
}

$('#language').addEventListener('click', () => { page.lang = page.lang === 'zh' ? 'en' : 'zh'; render(); });
$('#signout').addEventListener('click', async () => {
  await call('/workspace/session', { method: 'DELETE' }).catch(() => {});
  session = null;
  await render();
});

config = (await call('/workspace/config')).json;
try {
  session = (await call('/workspace/session')).json;
  useAntiforgery(session.antiforgeryToken);
} catch (e) {
  if (!(e instanceof Problem && e.status === 401)) say(e.message, 'error');
  session = null;
}
window.landInventoryWorkspace = { get session() { return session; }, config };
await render();
