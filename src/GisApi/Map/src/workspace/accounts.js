// One's personal access tokens, and (admins) the accounts: what the service returns once — a token, a one-time
// password — is shown once, selectable, and never kept by the page.
import { el } from '../dom.js';
import { call } from './api.js';
import { w } from './words.js';

const day = (x) => x ? x.slice(0, 10) : '';
const problemText = (problem) => problem.errors?.length ? problem.errors.map((e) => `${e.field}: ${e.message}`).join(' ') : problem.message;

export async function tokensView(root, { lang, say }) {
  const shown = el('div', { id: 'new-token' });
  const list = el('tbody');
  const refresh = async () => {
    const { json } = await call('/workspace/tokens');
    const now = new Date().toISOString();
    list.replaceChildren(...json.map((t) => el('tr', { 'data-id': t.id },
      el('td', {}, t.name), el('td', { class: 'secret' }, t.prefix), el('td', { class: 'hide-narrow' }, day(t.createdAt)), el('td', {}, day(t.expiresAt)),
      el('td', { class: 'hide-narrow' }, t.lastUsedAt ? day(t.lastUsedAt) : w('never', lang)),
      el('td', { class: 'state' }, t.revokedAt ? w('revoked', lang) : t.expiresAt < now ? w('expired', lang) : w('live', lang)),
      el('td', {}, t.revokedAt ? null : el('button', { type: 'button', class: 'revoke', onclick: async () => {
        await call(`/workspace/tokens/${t.id}`, { method: 'DELETE' });
        say(`${w('revoked', lang)}: ${t.name}`);
        await refresh();
      } }, w('revoke', lang))))));
  };
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'inline', id: 'issue-token', onsubmit: async (e) => {
    e.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    try {
      const { json } = await call('/workspace/tokens', { method: 'POST', body: { name: data.get('name'), expiresInDays: Number(data.get('days')) } });
      shown.replaceChildren(el('p', { class: 'notice' }, w('newToken', lang), ' ', el('code', { class: 'secret', id: 'token-secret' }, json.token)));
      form.reset();
      await refresh();
    } catch (problem) { error.textContent = problemText(problem); }
  } },
  el('label', {}, w('tokenName', lang), el('input', { name: 'name', required: true, maxlength: 100 })),
  el('label', {}, w('expiresInDays', lang), el('input', { name: 'days', type: 'number', min: 1, value: 30, required: true })),
  el('button', { class: 'primary', type: 'submit' }, w('issue', lang)));
  root.append(el('h2', {}, w('tokens', lang)), form, error, shown,
    el('div', { class: 'scroll' }, el('table', { id: 'tokens' }, el('thead', {}, el('tr', {}, ...['tokenName', 'prefix', 'created', 'expires', 'lastUsed', 'state', 'actions']
      .map((k) => el('th', { class: ['created', 'lastUsed'].includes(k) ? 'hide-narrow' : false }, w(k, lang))))), list)));
  await refresh();
}

export async function accountsView(root, { lang, config, say }) {
  const shown = el('div', { id: 'one-time' });
  const list = el('tbody');
  const bureauName = (id) => { const b = config.bureaus.find((x) => x.id === id); return b ? (lang === 'zh' ? b.nameZh : b.nameEn) : ''; };
  const showPassword = (answer) => shown.replaceChildren(el('p', { class: 'notice' }, w('oneTime', lang, { user: answer.account.userName }), ' ',
    el('code', { class: 'secret', id: 'one-time-password' }, answer.oneTimePassword)));
  const act = (f) => async () => { try { await f(); await refresh(); } catch (problem) { say(problemText(problem), 'error'); } };
  const refresh = async () => {
    const { json } = await call('/workspace/accounts?limit=1000');
    list.replaceChildren(...json.accounts.map((a) => el('tr', { 'data-user': a.userName },
      el('td', {}, a.userName), el('td', {}, w(a.role, lang)), el('td', {}, a.bureau ? bureauName(a.bureau) : '—'),
      el('td', { class: 'state' }, a.disabled ? w('accountOff', lang) : a.lockedOutUntil ? w('accountLocked', lang)
        : a.mustChangePassword ? w('accountNew', lang) : w('accountOn', lang)),
      el('td', { class: 'actions' },
        el('button', { type: 'button', class: 'toggle', onclick: act(() => call(`/workspace/accounts/${encodeURIComponent(a.userName)}`,
          { method: 'PATCH', body: { disabled: !a.disabled } })) }, w(a.disabled ? 'enable' : 'disable', lang)),
        el('button', { type: 'button', class: 'reset', onclick: act(async () => showPassword((await call(
          `/workspace/accounts/${encodeURIComponent(a.userName)}/password`, { method: 'POST' })).json)) }, w('reset', lang))))));
  };
  const error = el('p', { class: 'error', role: 'alert' });
  const bureau = el('select', { name: 'bureau' }, ...config.bureaus.map((b) => el('option', { value: b.id }, lang === 'zh' ? b.nameZh : b.nameEn)));
  const role = el('select', { name: 'role', onchange: () => { bureau.disabled = role.value === 'admin'; } },
    el('option', { value: 'planner' }, w('planner', lang)), el('option', { value: 'admin' }, w('admin', lang)));
  const form = el('form', { class: 'inline', id: 'create-account', onsubmit: async (e) => {
    e.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    try {
      const { json } = await call('/workspace/accounts', { method: 'POST',
        body: { userName: data.get('userName'), role: data.get('role'), bureau: data.get('role') === 'admin' ? null : data.get('bureau') } });
      showPassword(json);
      form.reset();
      await refresh();
    } catch (problem) { error.textContent = problemText(problem); }
  } },
  el('label', {}, w('userName', lang), el('input', { name: 'userName', required: true, autocomplete: 'off' })),
  el('label', {}, w('role', lang), role), el('label', {}, w('bureau', lang), bureau),
  el('button', { class: 'primary', type: 'submit' }, w('create', lang)));
  root.append(el('h2', {}, w('accounts', lang)), form, error, shown,
    el('div', { class: 'scroll' }, el('table', { id: 'accounts' }, el('thead', {}, el('tr', {}, ...['userName', 'role', 'bureau', 'state', 'actions']
      .map((k) => el('th', {}, w(k, lang))))), list)));
  await refresh();
}
