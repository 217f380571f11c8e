// A feature's timeline: who, when, which fields old → new, the boundary before and after on a small map; and any
// earlier version restored as a new change (the API writes it as a replace, with every check and If-Match).
import { el } from '../dom.js';
import { call, itemUrl } from './api.js';
import { w, shown } from './words.js';
import { reviewMap } from './review-map.js';


export async function historyPanel(container, { layer, code, lang, label, say, onRestored }) {
  const { json } = await call(`${itemUrl(layer, code)}/history?limit=1000`);
  const changes = json.changes;
  const latest = changes.at(-1)?.id;
  const list = el('ol', { class: 'timeline', id: 'timeline' });
  for (const c of [...changes].reverse()) {
    const moved = c.oldGeometry && c.newGeometry;
    const mapBox = moved ? el('div', { class: 'history-map' }) : null;
    list.append(el('li', { 'data-change': c.id, 'data-operation': c.operation },
      el('div', { class: 'when' }, `${c.changedAt.replace('T', ' ').slice(0, 19)} · ${c.actor} · ${w(`op_${c.operation}`, lang)}`),
      c.fields.length ? el('ul', { class: 'changes' }, ...c.fields.map((f) => el('li', { 'data-field': f },
        f === 'geometry' ? w('boundaryMoved', lang)
          : `${label(layer, f, lang)}: ${shown(c.changes[f]?.old, lang)} → ${shown(c.changes[f]?.new, lang)}`))) : null,
      mapBox,
      c.id !== latest && c.operation !== 'delete' ? el('button', { type: 'button', class: 'restore', onclick: async () => {
        try {
          const { etag } = await call(itemUrl(layer, code));
          await call(`${itemUrl(layer, code)}/history/${c.id}/restore`, { method: 'POST', etag });
          say(w('restored', lang, { code, at: c.changedAt.slice(0, 19).replace('T', ' ') }));
          await onRestored();
        } catch (problem) {
          say(problem.errors?.length ? problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : problem.message, 'error');
        }
      } }, w('restore', lang)) : null));
    if (moved) {
      queueMicrotask(() => reviewMap(mapBox, [{ key: code, change: 'changed', shape: c.newGeometry, changes: [{ field: 'geometry', old: c.oldGeometry }] }]));
    }
  }
  container.replaceChildren(el('section', { class: 'editor', id: 'history', 'data-code': code },
    el('h2', {}, `${w('history', lang)} ${code}`), list,
    el('div', { class: 'actions' }, el('button', { type: 'button', onclick: () => container.replaceChildren() }, w('close', lang)))));
}
