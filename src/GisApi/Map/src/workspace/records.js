// The bureau's records (an admin's: every bureau's): filterable, stale ones marked, the day-to-day figures edited with
// the API's own rules and messages, "confirm unchanged" setting verifiedOn to today, and a conflicting edit (412)
// showing what the other person changed, with the planner's own change re-applied on the latest version if they choose.
import { el } from '../dom.js';
import { fields } from '../fields.js';
import { enums, t, v } from '../i18n.js';
import { call, allItems, Problem, itemUrl } from './api.js';
import { w, shown } from './words.js';
import { historyPanel } from './history.js';
import { downloadLinks } from '../downloads.js';

/** How each patchable field is typed in the form; anything else is a number. */
const kinds = {
  status: { parcels: enums.parcelStatus, carriers: enums.carrierStatus },
  priceBasis: { parcels: ['wanYuanPerMu', 'yuanPerSqmFloorArea', 'wanYuanTotal'] },
  verifiedOn: 'date', availableFrom: 'date', contactName: 'text', contactPhone: 'text',
};
const today = () => new Date().toISOString().slice(0, 10);
/** A field's label in the page's language: the map card's, else the workspace's own words. */
export const label = (layer, field, lang) => {
  const f = fields[layer]?.find(([name]) => name === field);
  return f ? (lang === 'zh' ? f[1] : f[2]) : w(field, lang);
};

export async function recordsView(root, { lang, session, config, say }) {
  const layers = config.layers.filter((l) => l.stewarded);
  const state = { layer: layers[0].id, text: '', staleOnly: false, features: [] };
  const staleBefore = new Date(Date.now() - config.staleAfterDays * 86400000).toISOString().slice(0, 10);
  const isStale = (p) => !p.verifiedOn || p.verifiedOn < staleBefore;
  const tabs = el('div', { class: 'tabs', role: 'tablist' });
  const count = el('p', { id: 'records-count', role: 'status' });
  const downloads = el('p', { id: 'downloads' });
  const list = el('tbody');
  const editor = el('div', { id: 'editor' });

  const load = async () => {
    const mine = session.role === 'admin' ? '' : `&filter-lang=cql2-text&filter=${encodeURIComponent(`stewardId = '${session.bureau}'`)}`;
    state.features = await allItems(`/ogc/collections/${state.layer}/items?limit=1000${mine}`);
    draw();
  };
  const draw = () => {
    const text = state.text.trim().toLowerCase();
    const shownFeatures = state.features.filter((f) => (!state.staleOnly || isStale(f.properties))
      && (!text || [f.id, f.properties.nameZh, f.properties.nameEn].some((s) => String(s ?? '').toLowerCase().includes(text))));
    count.textContent = w('count', lang, { n: shownFeatures.length, stale: shownFeatures.filter((f) => isStale(f.properties)).length });
    // The records listed, as files: never the whole layer for a bureau's planner (its codes are always named).
    downloads.replaceChildren(...downloadLinks(state.layer, shownFeatures, Infinity, 'code', lang));
    list.replaceChildren(...shownFeatures.map((f) => el('tr', { 'data-code': f.id, class: isStale(f.properties) ? 'stale' : false },
      el('td', {}, f.id), el('td', {}, lang === 'zh' ? f.properties.nameZh : f.properties.nameEn),
      el('td', { class: 'hide-narrow' }, f.properties.status ? v(f.properties.status, lang) : '—'),
      el('td', { class: 'verified' }, f.properties.verifiedOn ?? '—', isStale(f.properties) ? [' ', el('span', { class: 'badge stale' }, w('stale', lang))] : null),
      el('td', { class: 'actions' },
        el('button', { type: 'button', class: 'edit', onclick: () => edit(f.id) }, w('edit', lang)),
        el('button', { type: 'button', class: 'confirm', onclick: () => confirmUnchanged(f.id) }, w('confirm', lang)),
        el('button', { type: 'button', class: 'history', onclick: () => history(f.id) }, w('history', lang))))));
  };
  const refreshOne = async (code) => {
    const { json } = await call(itemUrl(state.layer, code));
    state.features = state.features.map((f) => f.id === code ? json : f);
    draw();
  };
  const failed = (problem) => say(w('notSaved', lang) + (problem.errors?.length ? problem.errors.map((x) => `${x.field}: ${x.message}`).join('; ') : problem.message), 'error');

  const history = (code) => historyPanel(editor, { layer: state.layer, code, lang, label, say,
    onRestored: async () => { await refreshOne(code); await history(code); } });

  const confirmUnchanged = async (code) => {
    try {
      const { etag } = await call(itemUrl(state.layer, code));
      await call(itemUrl(state.layer, code), { method: 'PATCH', etag, contentType: 'application/merge-patch+json', body: { properties: { verifiedOn: today() } } });
      await refreshOne(code);
      say(w('confirmed', lang, { code }));
    } catch (problem) { failed(problem); }
  };

  const edit = async (code) => {
    const layer = config.layers.find((l) => l.id === state.layer);
    const { json: loaded, etag } = await call(itemUrl(state.layer, code));
    const inputs = {};
    const errors = {};
    const input = (field) => {
      const kind = kinds[field];
      const value = loaded.properties[field];
      if (kind && typeof kind === 'object' && kind[state.layer]) {
        return el('select', { name: field }, field === 'status' ? null : el('option', { value: '' }, '—'),
          ...kind[state.layer].map((x) => el('option', { value: x, selected: x === value }, v(x, lang))));
      }
      return el('input', { name: field, type: kind === 'date' ? 'date' : kind === 'text' ? 'text' : 'number', step: 'any', value: value ?? '' });
    };
    const grid = el('div', { class: 'grid' }, ...layer.patchable.map((field) => {
      inputs[field] = input(field);
      errors[field] = el('span', { class: 'field-error', 'data-field': field });
      return el('label', {}, label(state.layer, field, lang), inputs[field], errors[field]);
    }));
    const conflict = el('div', { id: 'conflict' });
    const changes = () => {
      const out = {};
      for (const [field, node] of Object.entries(inputs)) {
        const raw = node.value;
        const value = raw === '' ? null : (kinds[field] === undefined ? Number(raw) : raw);
        if (value !== (loaded.properties[field] ?? null)) out[field] = value;
      }
      return out;
    };
    const send = async (mine, tag) => {
      Object.values(errors).forEach((e) => { e.textContent = ''; });
      try {
        await call(itemUrl(state.layer, code), { method: 'PATCH', etag: tag, contentType: 'application/merge-patch+json', body: { properties: mine } });
        editor.replaceChildren();
        await refreshOne(code);
        say(w('saved', lang, { code }));
      } catch (problem) {
        if (problem instanceof Problem && problem.status === 412) return showConflict(mine);
        for (const e of problem.errors ?? []) if (errors[e.field]) errors[e.field].textContent = e.message;
        failed(problem);
      }
    };
    const showConflict = async (mine) => {
      const { json: latest, etag: latestTag } = await call(itemUrl(state.layer, code));
      // The fields they changed; updatedAt is the record's bookkeeping, not a change of theirs to weigh.
      const theirs = Object.keys({ ...loaded.properties, ...latest.properties })
        .filter((k) => k !== 'updatedAt' && JSON.stringify(loaded.properties[k] ?? null) !== JSON.stringify(latest.properties[k] ?? null));
      conflict.replaceChildren(el('div', { class: 'conflict', role: 'alert' },
        el('p', {}, w('conflict', lang, { code })),
        el('ul', {}, ...theirs.map((k) => el('li', { 'data-field': k },
          w('theirs', lang, { field: label(state.layer, k, lang), now: shown(latest.properties[k], lang), was: shown(loaded.properties[k], lang) })))),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'primary', id: 'reapply', onclick: () => send(mine, latestTag) }, w('reapply', lang)),
          el('button', { type: 'button', id: 'discard', onclick: () => { editor.replaceChildren(); refreshOne(code); } }, w('discard', lang)))));
    };
    const form = el('form', { class: 'editor', id: 'edit-form', 'data-code': code, onsubmit: (e) => {
      e.preventDefault();
      const mine = changes();
      if (Object.keys(mine).length === 0) { say(w('nothingChanged', lang)); return; }
      send(mine, etag);
    } },
    el('h2', {}, `${w('edit', lang)} ${code}`), grid, conflict,
    el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'submit' }, w('save', lang)),
      el('button', { type: 'button', onclick: () => editor.replaceChildren() }, w('cancel', lang))));
    editor.replaceChildren(form);
    form.querySelector('input, select')?.focus();
  };

  for (const l of layers) {
    tabs.append(el('button', { type: 'button', role: 'tab', 'data-layer': l.id, 'aria-selected': l.id === state.layer ? 'true' : 'false', onclick: async () => {
      state.layer = l.id;
      tabs.querySelectorAll('button').forEach((b) => b.setAttribute('aria-selected', b.dataset.layer === l.id ? 'true' : 'false'));
      editor.replaceChildren();
      await load();
    } }, t(l.id, lang)));
  }
  const filters = el('form', { class: 'inline', onsubmit: (e) => e.preventDefault() },
    el('label', {}, w('search', lang), el('input', { name: 'text', type: 'search', oninput: (e) => { state.text = e.target.value; draw(); } })),
    el('label', { class: 'check' }, el('input', { name: 'staleOnly', type: 'checkbox', onchange: (e) => { state.staleOnly = e.target.checked; draw(); } }), w('staleOnly', lang)));
  root.append(el('h2', {}, w('records', lang)), tabs, filters, el('p', { class: 'hint' }, w('staleAfter', lang, { days: config.staleAfterDays })), count, downloads, editor,
    el('div', { class: 'scroll' }, el('table', { id: 'records' }, el('thead', {}, el('tr', {}, el('th', {}, label('parcels', 'code', lang)), el('th', {}, w('name', lang)),
      el('th', { class: 'hide-narrow' }, label('parcels', 'status', lang)), el('th', {}, label('parcels', 'verifiedOn', lang)), el('th', {}, w('actions', lang)))), list)));
  await load();
}
