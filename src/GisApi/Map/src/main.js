// The investor map: loads the inventory once (GeoJSON from the OGC API), filters and sorts it in the page, keeps map
// and list in step, and shows a bilingual card for the chosen feature with its nearby features and a comparison.
import { labels, enums, t, v } from './i18n.js';
import { fields, odata } from './fields.js';
import { read, write } from './state.js';
import { matches, order } from './filters.js';
import { createMap, areaLabels, centre, boundsOf } from './map.js';
import { toWgs84 } from './gcj02.js';
import { el } from './dom.js';
import { nearPlaces, placeLabels, surroundingsM } from './places.js';
import { items, areaMembership } from './load.js';
import { renderFind } from './find.js';
import { askButton } from './ask.js';
import { renderCompare } from './compare.js';
import { downloadLinks } from './downloads.js';

const state = read();
const $ = (selector) => document.querySelector(selector);
const data = {};
const distances = new globalThis.Map();
let compare = [];
let point = null;
let radiusM = 1000;
let markers = [];
let placeMarkers = null;
let map;
const name = (p) => state.lang === 'zh' ? p.nameZh : p.nameEn;
const headline = (layer, p) => layer === 'parcels'
  ? `${Number(p.siteAreaMu).toLocaleString()} 亩 · ${v(p.landUse, state.lang)} · ${v(p.status, state.lang)}`
  : `${Number(p.vacantFloorAreaSqm).toLocaleString()} m² · ${v(layer === 'carriers' ? p.kind : p.category, state.lang)}`;

const config = await (await fetch('/map/config.json')).json();
const crs = config.baseTileCrs === 'gcj02' ? '&crs=gcj02' : '';
// Positions on the map are in the map's system; the searches take WGS84.
const searchable = (at) => config.baseTileCrs === 'gcj02' ? toWgs84(at) : at;
const [lon, lat] = state.c ? state.c.split(',').map(Number) : [];
map = createMap($('#map'), config, { center: Number.isFinite(lon) ? [lon, lat] : undefined, zoom: state.z ? Number(state.z) : undefined });
const loaded = new Promise((resolve) => map.on('load', resolve));

[data.areas, data.parcels, data.carriers, data.buildings, data.places] = await Promise.all(
  ['areas', 'parcels', 'carriers', 'buildings', 'places'].map((layer) => items(layer, crs)));
for (const parcel of data.parcels.features) {
  const area = data.areas.features.find((a) => a.properties.id === parcel.properties.areaId)?.properties;
  if (area) parcel.properties.areaName = { zh: area.nameZh, en: area.nameEn };
}
// Which area each carrier and building lies in is only needed for the area filter: not on the way to the first paint.
const membership = Promise.all([areaMembership(data, 'carriers'), areaMembership(data, 'buildings')]);
await loaded;
for (const layer of ['areas', 'parcels', 'carriers', 'buildings', 'places']) map.getSource(layer).setData(data[layer]);
if (!state.c) {
  // No view in the link: the whole inventory.
  map.fitBounds(boundsOf(['areas', 'parcels', 'carriers', 'buildings'].flatMap((layer) => data[layer].features)), { padding: 40, duration: 0 });
}
map.on('moveend', () => {
  const c = map.getCenter();
  state.z = map.getZoom().toFixed(2);
  state.c = `${c.lng.toFixed(5)},${c.lat.toFixed(5)}`;
  write(state);
});
for (const layer of ['parcels-fill', 'carriers-circle', 'buildings-fill', 'fit-fill', 'fit-circle']) {
  map.on('click', layer, (e) => {
    e.preventDefault();
    select(e.features[0].properties.layer ?? layer.split('-')[0], e.features[0].properties.code);
  });
  map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
  map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
}
map.on('click', (e) => { if (!e.defaultPrevented) nearby([e.lngLat.lng, e.lngLat.lat]); });

function visible() {
  return order(state.layer, data[state.layer].features.filter((f) => matches(state.layer, f.properties, state)), state.sort, distances);
}

function applyFilters() {
  const started = performance.now();
  $('#count').hidden = $('#results').hidden = $('#downloads').hidden = Boolean(state.find);
  if (state.find) {
    // A search shows every site, its own on top coloured by fit (showFit).
    for (const mapLayer of ['parcels-fill', 'parcels-line', 'carriers-circle', 'buildings-fill']) map.setFilter(mapLayer, null);
    write(state);
    return;
  }

  const shown = visible();
  const codes = shown.map((f) => f.properties.code);
  for (const layer of ['parcels', 'carriers', 'buildings']) {
    const id = { parcels: ['parcels-fill', 'parcels-line'], carriers: ['carriers-circle'], buildings: ['buildings-fill'] }[layer];
    // The other layers stay on the map, whole: the filters are the current layer's.
    const filter = layer === state.layer ? ['in', ['get', 'code'], ['literal', codes]] : null;
    for (const mapLayer of id) map.setFilter(mapLayer, filter);
  }
  renderList(shown);
  write(state);
  if (window.landInventory) window.landInventory.filterMs = performance.now() - started;
}

function option(value, text, selected) { return el('option', { value, selected: value === selected }, text); }

function select_(key, choices, labelKey) {
  return el('label', {}, t(labelKey, state.lang), el('select', { name: key, onchange: (e) => { state[key] = e.target.value; applyFilters(); } },
    option('', t('any', state.lang), state[key]), choices.map((c) => option(c, v(c, state.lang), state[key]))));
}

function numberInput(key, labelKey) {
  return el('label', {}, t(labelKey, state.lang), el('input', { type: 'number', name: key, min: 0, step: 'any', value: state[key],
    oninput: (e) => { state[key] = e.target.value; applyFilters(); } }));
}

function renderPanel() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title', state.lang);
  $('#title').textContent = t('title', state.lang);
  $('#language').textContent = t('language', state.lang);
  for (const marker of markers) marker.remove();
  markers = areaLabels(map, data.areas, state.lang);
  placeMarkers?.remove();
  placeMarkers = placeLabels(map, data.places, state.lang);
  const toggle = el('button', { type: 'button', id: 'find-toggle', class: 'primary', onclick: () => {
    state.find = state.find ? '' : 'space=floor';
    showFit(null);
    renderPanel();
    applyFilters();
  } }, t(state.find ? 'browse' : 'findSites', state.lang));
  if (state.find) {
    const search = el('div', { id: 'find' });
    $('#filters').replaceChildren(toggle, search);
    renderFind(search, { state, areas: data.areas.features, onAnswer: showFit, onPick: (layer, code) => select(layer, code, true), write: () => write(state) });
    return;
  }
  const tabs = el('div', { class: 'tabs', role: 'tablist' }, ['parcels', 'carriers', 'buildings'].map((layer) =>
    el('button', { type: 'button', role: 'tab', 'aria-selected': String(layer === state.layer), 'data-layer': layer,
      onclick: () => { state.layer = layer; state.status = ''; state.sort = 'code'; renderPanel(); applyFilters(); } },
    t(layer, state.lang))));
  const areas = el('label', {}, t('area', state.lang), el('select', { name: 'area', onchange: (e) => { state.area = e.target.value; applyFilters(); } },
    option('', t('any', state.lang), state.area),
    data.areas.features.map((a) => option(a.properties.id, state.lang === 'zh' ? a.properties.nameZh : a.properties.nameEn, state.area))));
  const specific = state.layer === 'parcels' ? [
    select_('landUse', enums.landUse, 'landUse'),
    select_('status', enums.parcelStatus, 'status'),
    el('fieldset', {}, el('legend', {}, t('siteArea', state.lang)),
      el('select', { name: 'unit', 'aria-label': t('units', state.lang), onchange: (e) => { state.unit = e.target.value; applyFilters(); } },
        option('sqm', 'm²', state.unit), option('mu', '亩 mu', state.unit)),
      numberInput('minArea', 'min'), numberInput('maxArea', 'max')),
    numberInput('maxPrice', 'maxPrice'),
  ] : [
    state.layer === 'carriers' ? select_('kind', enums.kind, 'kind') : select_('category', enums.category, 'category'),
    state.layer === 'carriers' ? select_('industry', enums.industry, 'industry') : null,
    state.layer === 'carriers' ? select_('status', enums.carrierStatus, 'status') : null,
    numberInput('minVacant', 'minVacant'), numberInput('minLoad', 'minLoad'), numberInput('minHeight', 'minHeight'),
    state.layer === 'carriers' ? numberInput('minPower', 'minPower') : null,
  ];
  const sort = el('label', {}, t('sort', state.lang), el('select', { name: 'sort', onchange: async (e) => { state.sort = e.target.value; await distancesFrom(point); applyFilters(); } },
    ['code', 'size', 'price', 'distance'].map((s) => option(s, t({ code: 'byCode', size: 'bySize', price: 'byPrice', distance: 'byDistance' }[s], state.lang), state.sort))));
  $('#filters').replaceChildren(toggle, tabs, el('form', { onsubmit: (e) => e.preventDefault() }, areas, specific, sort,
    el('button', { type: 'button', onclick: reset }, t('reset', state.lang))));
}

/** A search's sites on the map, coloured by their fit score; none when browsing. */
function showFit(answer) {
  const features = (answer?.matches ?? []).map((m) => ({ m, f: find(m.layer, m.code) })).filter(({ f }) => f)
    .map(({ m, f }) => ({ type: 'Feature', geometry: f.geometry, properties: { code: m.code, layer: m.layer, score: m.score } }));
  map.getSource('fit').setData({ type: 'FeatureCollection', features });
  if (features.length > 0) map.fitBounds(boundsOf(features), { padding: 60, maxZoom: 14, duration: 300 });
}

function reset() {
  for (const key of ['area', 'landUse', 'status', 'minArea', 'maxArea', 'maxPrice', 'industry', 'kind', 'category', 'minVacant', 'minLoad', 'minHeight', 'minPower']) state[key] = '';
  renderPanel();
  applyFilters();
}

function renderList(shown) {
  $('#count').textContent = `${t('results', state.lang)}: ${shown.length}`;
  $('#downloads').replaceChildren(...downloadLinks(state.layer, shown, data[state.layer].features.length, state.sort, state.lang));
  $('#results').replaceChildren(...(shown.length === 0 ? [el('li', { class: 'empty' }, t('nothing', state.lang))] : shown.map((f) => {
    const p = f.properties;
    const distance = distances.get(p.code);
    return el('li', {}, el('button', { type: 'button', 'data-code': p.code, 'aria-current': String(p.code === state.selected),
      onclick: () => select(state.layer, p.code, true) },
    el('strong', {}, name(p)), el('span', {}, headline(state.layer, p)),
    distance != null && state.sort === 'distance' ? el('span', { class: 'distance' }, `${Math.round(distance)} m`) : null));
  })));
}

function find(layer, code) { return data[layer].features.find((f) => f.properties.code === code); }

function select(layer, code, fly = false) {
  const feature = find(layer, code);
  if (!feature) return;
  state.selected = code;
  if (layer !== state.layer) {
    state.layer = layer;
    if (!state.find) { renderPanel(); applyFilters(); }
  }
  map.getSource('highlight').setData(feature);
  renderCard(layer, feature, fly);
  write(state);
  for (const item of document.querySelectorAll('#results button')) item.setAttribute('aria-current', String(item.dataset.code === code));
}

function renderCard(layer, feature, fly = false) {
  const p = feature.properties;
  const rows = fields[layer].map(([key, zh, en, format]) => el('tr', { 'data-field': key },
    el('th', { scope: 'row' }, state.lang === 'zh' ? zh : en), el('td', {}, format(p[key], state.lang, p))));
  const inCompare = compare.some((c) => c.code === p.code);
  const radius = el('select', { name: 'radius', 'aria-label': t('within', state.lang), onchange: (e) => { radiusM = Number(e.target.value); } },
    [500, 1000, 3000, 5000].map((m) => option(String(m), `${m} m`, String(radiusM))));
  $('#card').replaceChildren(
    el('header', {}, el('h2', {}, name(p)), el('button', { type: 'button', class: 'close', 'aria-label': t('close', state.lang),
      onclick: () => { $('#card').hidden = true; state.selected = ''; map.getSource('highlight').setData({ type: 'FeatureCollection', features: [] }); write(state); } }, '×')),
    el('p', { class: 'other-name' }, state.lang === 'zh' ? p.nameEn : p.nameZh),
    el('table', {}, el('tbody', {}, rows)),
    el('p', { class: 'links' },
      el('a', { href: `/sites/${layer}/${encodeURIComponent(p.code)}?lang=${state.lang}`, target: '_blank' }, t('sitePage', state.lang)), ' · ',
      el('a', { href: `/sites/${layer}/${encodeURIComponent(p.code)}.pdf?lang=${state.lang}`, target: '_blank' }, t('brochure', state.lang)), ' · ',
      el('a', { href: `/ogc/collections/${layer}/items/${encodeURIComponent(p.code)}`, target: '_blank' }, t('geojson', state.lang)), ' · ',
      el('a', { href: `/odata/${odata[layer]}('${encodeURIComponent(p.code.replaceAll("'", "''"))}')`, target: '_blank' }, t('odata', state.lang))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', onclick: () => nearby(centre(feature.geometry), radiusM, true) }, t('nearby', state.lang)), ' ', t('within', state.lang), ' ', radius,
      el('button', { type: 'button', 'data-action': 'compare', disabled: !inCompare && compare.length >= 3,
        onclick: () => toggleCompare(layer, p) }, t(inCompare ? 'removeCompare' : (compare.length >= 3 ? 'compareFull' : 'addCompare'), state.lang)),
      askButton(layer, p.code, state.lang, state.find)),
    el('section', { id: 'near-places' }),
    el('div', { id: 'nearby' }));
  $('#card').hidden = false;
  nearPlaces($('#near-places'), layer, p.code, state.lang).then((near) => {
    if (!fly) return;
    // The site with the places near it (within surroundingsM), so a zoomed-in site shows what is around it.
    const around = Object.values(near).filter((n) => n.distanceM <= surroundingsM)
      .map((n) => data.places.features.find((f) => f.properties.id === n.id)).filter(Boolean);
    map.fitBounds(boundsOf([feature, ...around]), { padding: 120, maxZoom: 15, duration: 400 });
  });
}

/** Distances for the distance sort: from the clicked point, else from the middle of the map. */
async function distancesFrom(at) {
  distances.clear();
  if (state.sort !== 'distance') return;
  const c = map.getCenter();
  const [lon, lat] = searchable(at ?? [c.lng, c.lat]);
  const response = await fetch(`/search/nearest?layer=${state.layer}&lon=${lon}&lat=${lat}&count=100`);
  for (const f of (await response.json()).features) distances.set(f.id, f.properties.distanceM);
}

/** Everything within the chosen radius of a site (into its card) or of a clicked point (the card shows only that). */
async function nearby(at, metres = radiusM, ofSite = false) {
  point = at;
  const [lon, lat] = searchable(at);
  const found = await Promise.all(['parcels', 'carriers', 'buildings'].map(async (layer) => {
    const response = await fetch(`/search/within?layer=${layer}&lon=${lon}&lat=${lat}&radius=${metres}`);
    return (await response.json()).features.map((f) => ({ layer, f }));
  }));
  const list = found.flat().sort((a, b) => a.f.properties.distanceM - b.f.properties.distanceM);
  const target = ofSite ? $('#nearby') : $('#card');
  $('#card').hidden = false;
  target.replaceChildren(el('h3', {}, `${t('nearby', state.lang)} · ${t('within', state.lang)} ${metres} m`),
    list.length === 0 ? el('p', {}, t('nothing', state.lang)) : el('ol', { class: 'nearby' }, list.map(({ layer, f }) =>
      el('li', {}, el('button', { type: 'button', onclick: () => select(layer, f.id, true) },
        `${t(layer, state.lang)} · ${state.lang === 'zh' ? f.properties.nameZh : f.properties.nameEn}`),
        el('span', { class: 'distance' }, `${Math.round(f.properties.distanceM)} m`)))));
  if (state.sort === 'distance') { await distancesFrom(point); applyFilters(); }
}

function toggleCompare(layer, p) {
  compare = compare.some((c) => c.code === p.code) ? compare.filter((c) => c.code !== p.code) : [...compare, { layer, code: p.code }].slice(0, 3);
  showCompare();
  const feature = find(layer, p.code);
  if (feature) renderCard(layer, feature);
}

function showCompare() {
  renderCompare($('#compare'), compare.map((c) => ({ ...c, p: find(c.layer, c.code).properties })),
    { lang: state.lang, find: state.find, onClear: () => { compare = []; showCompare(); } });
}

$('#language').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  renderPanel();
  applyFilters();
  const selected = state.selected && find(state.layer, state.selected);
  if (selected && !$('#card').hidden) renderCard(state.layer, selected);
  showCompare();
});

renderPanel();
applyFilters();
if (state.selected) select(state.layer, state.selected, true);
map.once('idle', async () => {
  window.landInventory.readyMs = performance.now();
  await membership;
  applyFilters();
  document.body.dataset.ready = 'true';
});
map.triggerRepaint(); // an 'idle' is sure to follow, even if the map had nothing left to draw
window.landInventory = { map, state, data, visible: () => visible().map((f) => f.properties.code), labels };
