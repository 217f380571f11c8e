// The field mappings an upload may use — none (the file's own names), the built-in ones, and those the bureau keeps
// (GET /imports/mappings) — and a form that keeps a new one for the chosen layer (PUT; the server checks it against
// the layer's properties as an import reads it, and its refusal is shown as it says it).
import { el } from '../dom.js';
import { call } from './api.js';
import { w } from './words.js';

const Example = '{\n  "fields": {\n    "宗地编号": "code",\n    "用地面积（亩）": { "to": "netSiteAreaSqm", "unit": "亩" }\n  },\n  "ignore": ["序号"]\n}';

export function mappingPicker({ lang, session, layer }) {
  const admin = session.role === 'admin';
  const select = el('select', { name: 'mapping' });
  const error = el('p', { class: 'error', role: 'alert', id: 'mapping-error' });
  // An admin sees every bureau's, named bureau/name as the API takes them from an admin.
  const reference = (m) => (admin ? `${m.bureau}/${m.name}` : m.name);
  const load = async (chosen = select.value) => {
    let listed = { builtIn: [], mappings: [] };
    try {
      ({ json: listed } = await call(`/imports/mappings${layer.value ? `?layer=${encodeURIComponent(layer.value)}` : ''}`));
    } catch (problem) { error.textContent = problem.message; }
    select.replaceChildren(el('option', { value: '' }, w('mappingNone', lang)),
      ...listed.builtIn.map((m) => el('option', { value: m.name }, w(`mapping_${m.name}`, lang))),
      ...listed.mappings.map((m) => el('option', { value: reference(m), 'data-kept': 'true' }, admin ? `${m.name} · ${m.bureau}` : m.name)));
    select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '';
    select.dataset.loaded = 'true';
  };
  layer.addEventListener('change', () => load());

  const name = el('input', { name: 'mappingName', required: true, maxlength: 64 });
  const bureau = admin ? el('input', { name: 'mappingBureau', required: true }) : null;
  const body = el('textarea', { name: 'mappingJson', rows: 7, cols: 60, spellcheck: false }, Example);
  const keep = async () => {
    error.textContent = '';
    if (!layer.value) { error.textContent = w('chooseLayer', lang); return; }
    let mapping;
    try { mapping = JSON.parse(body.value); } catch (problem) { error.textContent = w('mappingNotJson', lang, { message: problem.message }); return; }
    try {
      await call(`/imports/mappings/${encodeURIComponent(name.value)}${admin ? `?bureau=${encodeURIComponent(bureau.value)}` : ''}`,
        { method: 'PUT', body: { ...mapping, layer: layer.value } });
      await load(admin ? `${bureau.value}/${name.value}` : name.value);
      details.open = false;
    } catch (problem) { error.textContent = problem.message; }
  };
  const form = el('form', { id: 'keep-mapping', class: 'inline', onsubmit: (e) => { e.preventDefault(); keep(); } },
    el('label', {}, w('mappingName', lang), name), bureau ? el('label', {}, w('bureau', lang), bureau) : null,
    el('label', { class: 'wide' }, w('mappingJson', lang), body), el('button', { type: 'submit' }, w('keepMapping', lang)));
  const details = el('details', { id: 'mappings' }, el('summary', {}, w('keepMappingTitle', lang)),
    el('p', { class: 'hint' }, w('mappingHint', lang)), form, error);
  load();
  return { select, details };
}
