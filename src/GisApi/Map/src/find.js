// "Find sites for my project": a form made from the API's own criteria (/match/criteria), kept in the URL as the GET
// form of /match (#find=space=floor&floorLoad=30..&…) so a search can be shared, and the answer: the ranked sites with
// each criterion's tick, near miss or cross in the API's words, and the sites one requirement away, each a click from
// being taken in.
import { el } from './dom.js';
import { t, v } from './i18n.js';

const marks = { met: '✓', nearMiss: '≈', notMet: '✗', unstated: '?' };
// The kinds of place the form offers to be near, in its order (the API takes every kind).
const nearKinds = ['metroStation', 'expresswayEntrance', 'railwayFreight', 'airport', 'hospital', 'school'];
const paging = ['space', 'limit', 'offset'];
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

let catalogue;
const criteria = async () => (catalogue ??= await (await fetch('/match/criteria')).json());

/** The GET form as rows keyed by criterion (near: by kind): { criterion, kind, min, max, unit, values, date, must, weight }. */
export function parse(query) {
  const params = new URLSearchParams(query);
  const rows = new Map();
  for (const [criterion, text] of params) {
    if (paging.includes(criterion)) continue;
    const [spec, ...options] = text.split(';');
    const row = { criterion, must: !options.includes('soft'), weight: '1', unit: '', min: '', max: '', values: [], date: '' };
    for (const o of options) {
      const [k, value] = o.split('=');
      if (k === 'unit' || k === 'weight') row[k] = value;
    }
    if (criterion === 'near') [row.kind, row.max] = spec.split(':');
    else if (spec.includes('..')) [row.min, row.max] = spec.split('..');
    else if (criterion === 'availableBy') row.date = spec;
    else row.values = spec.split(',').filter(Boolean);
    rows.set(row.kind ? `near:${row.kind}` : criterion, row);
  }
  return { space: params.get('space') === 'land' ? 'land' : 'floor', rows };
}

/** Rows back into the GET form; a row with nothing in it asks nothing. */
export function format(space, rows) {
  const parts = [`space=${space}`];
  for (const row of rows.values()) {
    const spec = row.criterion === 'near' ? (row.max ? `${row.kind}:${row.max}` : '')
      : row.criterion === 'availableBy' ? row.date
        : row.values.length ? row.values.join(',') : (row.min || row.max ? `${row.min}..${row.max}` : '');
    if (!spec) continue;
    const options = [row.unit ? `unit=${row.unit}` : '', row.must ? '' : 'soft', !row.must && row.weight !== '1' ? `weight=${row.weight}` : ''];
    parts.push(`${row.criterion}=${encodeURIComponent([spec, ...options.filter(Boolean)].join(';')).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';').replace(/%3D/g, '=')}`);
  }
  return parts.join('&');
}

/**
 * Draws the form and, when the state asks for a search, its answer. `page.state.find` is the search; `page.areas` the
 * area features; `page.onAnswer(answer)` colours the map; `page.onPick(layer, code)` opens a site; `page.write()` keeps
 * the URL.
 */
export async function renderFind(container, page) {
  const lang = page.state.lang;
  const all = await criteria();
  const { space, rows } = parse(page.state.find);
  const offered = all.filter((c) => c.spaces.includes(space) && c.shape !== 'nearPoint');
  // A distance is asked in km unless the link says otherwise.
  const row = (key, criterion, kind) => rows.get(key)
    ?? { criterion, kind, must: true, weight: '1', unit: kind ? 'km' : '', min: '', max: '', values: [], date: '' };
  const fieldsets = offered.flatMap((c) => c.shape === 'near'
    ? nearKinds.map((kind) => fieldset(`near:${kind}`, c, row(`near:${kind}`, 'near', kind), lang, `${v(kind, lang)} ≤`))
    : [fieldset(c.name, c, row(c.name, c.name), lang, capital(c.words[lang]), page.areas)]);
  const spaces = el('div', { class: 'tabs', role: 'tablist' }, ['land', 'floor'].map((s) => el('button', {
    type: 'button', role: 'tab', 'aria-selected': String(s === space), 'data-space': s,
    onclick: () => { page.state.find = `space=${s}`; page.write(); renderFind(container, page); } }, t(s === 'land' ? 'spaceLand' : 'spaceFloor', lang))));
  // Once a search ran, its answer comes first and the requirements fold away (open them to change the search).
  const form = el('form', { class: 'find', onsubmit: (e) => {
    e.preventDefault();
    page.state.find = format(space, read(form, offered));
    page.write();
    renderFind(container, page);
  } }, fieldsets, el('button', { type: 'submit', class: 'primary' }, t('find', lang)));
  const answer = el('section', { id: 'match-answer', 'aria-live': 'polite' });
  const requirements = el('details', { class: 'requirements', open: rows.size === 0 }, el('summary', {}, t('requirements', lang)), form);
  container.replaceChildren(spaces, requirements, answer);
  if (rows.size === 0) return;
  const response = await fetch(`/match?${page.state.find}&limit=50`);
  const body = await response.json();
  if (!response.ok) {
    answer.replaceChildren(el('p', { class: 'error', role: 'alert' }, body.detail ?? String(response.status)));
    return;
  }
  page.onAnswer(body);
  const relax = (o) => {
    const relaxed = rows.get(o.kind ? `near:${o.kind}` : o.criterion);
    for (const k of ['min', 'max', 'date']) if (o.wouldNeed[k] != null) relaxed[k] = String(o.wouldNeed[k]);
    if (o.wouldNeed.values) relaxed.values = [...relaxed.values, ...o.wouldNeed.values];
    page.state.find = format(space, rows);
    page.write();
    renderFind(container, page);
  };
  const fits = (m) => el('ul', { class: 'fits' }, m.criteria.map((c) => el('li', { 'data-status': c.status, 'data-criterion': c.criterion },
    el('span', { class: 'mark', 'aria-label': t(c.status, lang) }, marks[c.status]), ' ', c.text[lang])));
  const site = (m) => el('li', {}, el('button', {
    type: 'button', 'data-layer': m.layer, 'data-code': m.code, 'data-score': m.score, onclick: () => page.onPick(m.layer, m.code) },
  el('span', { class: 'match-head' }, el('strong', {}, `${m.rank}. ${lang === 'zh' ? m.nameZh : m.nameEn}`),
    el('span', { class: 'score', title: t('score', lang) }, `${m.score}`)), fits(m)));
  const away = (o) => el('li', { 'data-criterion': o.criterion }, o.text[lang], ' ', Object.keys(o.wouldNeed).length === 0 ? null
    : el('button', { type: 'button', class: 'relax', onclick: () => relax(o) }, t('relax', lang)));
  answer.replaceChildren(
    el('p', { id: 'match-count' }, `${t('results', lang)}: ${body.numberMatched} · `,
      el('a', { href: `/match.xlsx?${page.state.find}&limit=200&lang=${lang}`, 'data-action': 'spreadsheet' }, t('spreadsheet', lang))),
    el('ol', { id: 'matches' }, body.matches.map(site)),
    body.oneAway.length === 0 ? null : el('section', { id: 'one-away' }, el('h3', {}, t('oneAway', lang)), el('ul', {}, body.oneAway.map(away))));
}

function fieldset(key, c, row, lang, legend, areas) {
  const name = (field) => `${key}.${field}`;
  const input = (field, type = 'number') => el('input', { type, name: name(field), value: row[field] ?? '', min: 0, step: 'any',
    'aria-label': `${legend} ${t(field, lang)}`, placeholder: t(field, lang) });
  const choices = c.name === 'area' ? areas.map((a) => [a.properties.id, lang === 'zh' ? a.properties.nameZh : a.properties.nameEn])
    : c.values.map((value) => [value, v(value, lang)]);
  const inputs = {
    range: () => [input('min'), input('max')],
    near: () => [input('max')],
    date: () => [input('date', 'date')],
    values: () => [el('select', { name: name('values'), multiple: true, size: Math.min(4, choices.length), 'aria-label': legend },
      choices.map(([value, text]) => el('option', { value, selected: row.values.includes(value) }, text)))],
  }[c.shape]();
  const units = c.units.length > 1 ? el('select', { name: name('unit'), 'aria-label': `${legend} ${t('units', lang)}` },
    c.units.map((u, i) => el('option', { value: i === 0 ? '' : u.name, selected: (row.unit || '') === (i === 0 ? '' : u.name) }, u.words[lang])))
    : c.units.length === 1 ? el('span', { class: 'unit' }, c.units[0].words[lang]) : null;
  const weight = el('select', { name: name('weight'), 'aria-label': t('weight', lang), hidden: row.must },
    ['1', '2', '3'].map((w) => el('option', { value: w, selected: row.weight === w }, `×${w}`)));
  return el('fieldset', { 'data-criterion': key }, el('legend', {}, legend), inputs, units,
    el('label', { class: 'must' }, el('input', { type: 'checkbox', name: name('must'), checked: row.must,
      onchange: (e) => { weight.hidden = e.target.checked; } }), t('must', lang)), weight);
}

function read(form, offered) {
  const rows = new Map();
  const value = (name) => form.elements[name]?.value ?? '';
  for (const c of offered) {
    for (const key of c.shape === 'near' ? nearKinds.map((k) => `near:${k}`) : [c.name]) {
      const values = form.elements[`${key}.values`] ? [...form.elements[`${key}.values`].selectedOptions].map((o) => o.value) : [];
      rows.set(key, { criterion: c.name, kind: key.startsWith('near:') ? key.slice(5) : undefined, min: value(`${key}.min`),
        max: value(`${key}.max`), unit: value(`${key}.unit`), date: value(`${key}.date`), values,
        must: form.elements[`${key}.must`].checked, weight: value(`${key}.weight`) || '1' });
    }
  }
  return rows;
}
