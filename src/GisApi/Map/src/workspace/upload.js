// Upload and review: a file is dry-run as an import job (progress shown; the job is in the URL, so the planner can
// leave and come back), its report shown as a summary, the problems in the importer's words (a suggested coordinate
// system offered in one click), every change with each field's old and new value, and a map of old and new shapes.
// Commit writes exactly the reviewed change; if the layer changed meanwhile the new difference is shown instead.
import { el } from '../dom.js';
import { call } from './api.js';
import { w, shown } from './words.js';
import { reviewMap, styles } from './review-map.js';
import { label } from './records.js';
import { mappingPicker } from './mappings.js';

const PageSize = 100;
const crsChoices = ['', 'EPSG:4544', 'EPSG:4490', 'EPSG:4523', 'EPSG:4326', 'EPSG:3857', 'gcj02', 'bd09'];
const layerOf = (name, layers) => layers.find((l) => name.toLowerCase().startsWith(l.id))?.id ?? '';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const uploadTypes = { geojson: 'application/geo+json', json: 'application/geo+json', geojsonl: 'application/geo+json-seq',
  geojsons: 'application/geo+json-seq', zip: 'application/zip', gpkg: 'application/geopackage+sqlite3',
  kml: 'application/vnd.google-earth.kml+xml', kmz: 'application/vnd.google-earth.kmz', dxf: 'image/vnd.dxf', csv: 'text/csv' };

export async function uploadView(root, { lang, session, config, say, param }) {
  let file = null;
  const layers = config.layers.filter((l) => l.stewarded);
  const progress = el('progress', { id: 'progress', max: 100, value: 0, hidden: true });
  const report = el('div', { id: 'review' });
  const error = el('p', { class: 'error', role: 'alert' });
  const layer = el('select', { name: 'layer', required: true }, el('option', { value: '' }, '—'),
    ...layers.map((l) => el('option', { value: l.id }, w(l.id, lang))));
  const crs = el('select', { name: 'crs' }, ...crsChoices.map((c) => el('option', { value: c }, c || w('crsFromFile', lang))));
  const mode = el('select', { name: 'mode' }, el('option', { value: 'upsert' }, w('upsert', lang)),
    session.role === 'admin' ? el('option', { value: 'replace' }, w('replace', lang)) : null);
  const mapping = mappingPicker({ lang, session, layer });
  const chosen = el('span', { id: 'chosen-file' });
  let prj = null;
  const input = el('input', { type: 'file', name: 'file', multiple: true, accept: '.geojson,.json,.geojsonl,.geojsons,.prj,.zip,.gpkg,.kml,.kmz,.dxf,.csv',
    onchange: () => choose([...input.files]) });
  // A data file, and beside it, if given, the .prj of its coordinate system (as ArcGIS and QGIS write one).
  const choose = async (files) => {
    const data = files.find((f) => !f.name.toLowerCase().endsWith('.prj'));
    const projection = files.find((f) => f.name.toLowerCase().endsWith('.prj'));
    file = data ?? file;
    prj = projection ? { name: projection.name, wkt: (await projection.text()).trim() } : null;
    crs.querySelector('option[data-prj]')?.remove();
    if (prj) {
      crs.append(el('option', { value: prj.wkt, 'data-prj': 'true' }, w('crsFromPrj', lang, { file: prj.name })));
      crs.value = prj.wkt;
    }
    chosen.textContent = [file ? `${file.name} (${Math.ceil(file.size / 1024)} KB)` : '', prj ? prj.name : ''].filter(Boolean).join(' + ');
    if (file && layerOf(file.name, layers)) layer.value = layerOf(file.name, layers);
  };

  const poll = async (url) => {
    progress.hidden = false;
    for (;;) {
      const asked = performance.now();
      const { json } = await call(url);
      progress.value = json.progress?.percent ?? 0;
      if (!['queued', 'running'].includes(json.state)) {
        progress.hidden = true;
        // The benchmark measures from the poll that found the job done (its report's download included) to the review.
        performance.mark('job-finished', { startTime: asked });
        return json;
      }
      await sleep(400);
    }
  };

  const submit = async (crsValue) => {
    error.textContent = '';
    if (!file) { error.textContent = w('chooseFile', lang); return; }
    if (!layer.value) { error.textContent = w('chooseLayer', lang); return; }
    const query = new URLSearchParams({ layer: layer.value, dryRun: 'true', mode: mode.value });
    if (crsValue) query.set('crs', crsValue);
    if (mapping.select.value) query.set('mapping', mapping.select.value);
    try {
      // The server tells a zipped Shapefile, GeoPackage, KML, DXF or CSV by the file's name (read by GDAL); the type
      // sent is the format's own, by the name too (browsers give .gpkg none, and a zip another name on Windows).
      const { location } = await call(`/imports?${query}`, { method: 'POST', body: file,
        contentType: uploadTypes[file.name.split('.').pop().toLowerCase()] ?? 'application/octet-stream',
        headers: { 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` } });
      const id = location.split('/').pop();
      param('job', id);
      show(await poll(location));
    } catch (problem) { error.textContent = problem.message; }
  };

  const show = (job) => {
    const result = job.report?.layers?.[0];
    const changes = result?.changes ?? [];
    const commit = job.links.find((l) => l.rel === 'commit');
    const counts = result ? [['added', result.inserted], ['changed', result.updated], ['unchanged', result.unchanged], ['removed', result.removed], ['rejected', result.rejected]] : [];
    const problems = job.report?.problems ?? [];
    const mapBox = el('div', { id: 'review-map', class: 'review-map' });
    const placed = problems.filter((p) => p.at);
    const mapped = changes.length > 0 || placed.length > 0;
    const table = el('tbody');
    let page = 0;
    const pager = el('div', { class: 'actions', id: 'pager' });
    const drawPage = () => {
      table.replaceChildren(...changes.slice(page * PageSize, (page + 1) * PageSize).map((c) => el('tr', { 'data-key': c.key, 'data-change': c.change },
        el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => map?.show(c.key) }, c.key)),
        el('td', {}, el('span', { class: `badge ${c.change}` }, w(c.change, lang))),
        el('td', {}, c.change !== 'changed' ? '' : el('ul', { class: 'changes' }, ...c.changes.map((x) => el('li', { 'data-field': x.field },
          x.field === 'geometry' ? w('boundaryMoved', lang) : `${label(result.layer, x.field, lang)}: ${shown(x.old, lang)} → ${shown(x.new, lang)}`)))))));
      pager.replaceChildren(...(changes.length <= PageSize ? [] : [
        el('button', { type: 'button', disabled: page === 0, onclick: () => { page--; drawPage(); } }, '‹'),
        el('span', {}, `${page * PageSize + 1}–${Math.min(changes.length, (page + 1) * PageSize)} / ${changes.length}`),
        el('button', { type: 'button', disabled: (page + 1) * PageSize >= changes.length, onclick: () => { page++; drawPage(); } }, '›')]));
    };
    // replaceChildren writes a null as the text "null": the parts this job does not have are left out first.
    report.replaceChildren(...[
      el('h2', {}, `${w('review', lang)} · ${result?.file ?? ''}`),
      job.state === 'stale' ? el('p', { class: 'conflict', id: 'stale' }, w('staleReview', lang)) : null,
      job.state === 'succeeded' && !job.dryRun ? el('p', { class: 'notice', id: 'written' }, w('written', lang)) : null,
      job.state === 'failed' ? el('p', { class: 'error' }, job.error) : null,
      result ? el('table', { id: 'summary', class: 'summary' }, el('tr', {}, ...counts.map(([k]) => el('th', {}, w(k, lang)))),
        el('tr', {}, ...counts.map(([k, n]) => el('td', { 'data-count': k }, String(n))))) : null,
      result ? el('p', { class: 'hint' }, `${w('crs', lang)}: ${result.crs}`) : null,
      problems.length ? el('div', { id: 'problems', role: 'alert' }, el('h3', {}, w('problems', lang, { n: job.report.problemCount })),
        el('ul', {}, ...problems.map((p) => el('li', { 'data-feature': p.featureIndex ?? '', 'data-field': p.field, 'data-placed': p.at ? 'true' : false },
          `${p.featureIndex == null ? '' : `#${p.featureIndex}${p.code ? ` (${p.code})` : ''}, `}${p.field}: ${p.message}`,
          p.at ? [' ', el('button', { type: 'button', class: 'link place', onclick: () => map?.jumpTo({ center: p.at, zoom: 17 }) }, w('onTheMap', lang))] : null,
          p.suggestedCrs ? [' ', el('button', { type: 'button', class: 'suggested', onclick: () => { crs.value = p.suggestedCrs; submit(p.suggestedCrs); } },
            w('useCrs', lang, { crs: p.suggestedCrs }))] : null)))) : null,
      mapped ? el('div', { class: 'legend' }, ...Object.entries(styles).map(([k, s]) => el('span', { style: `border-color:${s.colour}` }, w(`legend_${k}`, lang)))) : null,
      mapped ? mapBox : null,
      changes.length ? el('div', { class: 'scroll' }, el('table', { id: 'changes' },
        el('thead', {}, el('tr', {}, el('th', {}, w('code', lang)), el('th', {}, w('change', lang)), el('th', {}, w('fields', lang)))), table)) : null,
      pager,
      commit ? el('div', { class: 'actions' }, el('button', { type: 'button', class: 'primary', id: 'commit', onclick: async () => {
        try {
          const { location } = await call(commit.href, { method: 'POST' });
          param('job', location.split('/').pop());
          show(await poll(location));
        } catch (problem) { say(problem.message, 'error'); }
      } }, w('commit', lang))) : null].filter((part) => part !== null));
    drawPage();
    performance.mark('review-shown');
    let map = null;
    if (mapped) {
      map = reviewMap(mapBox, changes, problems);
      map.once('idle', () => performance.mark('review-map-idle'));
    }
    window.landInventoryWorkspace.review = { job, map };
    document.body.dataset.review = job.state;
  };

  const form = el('form', { class: 'inline drop', id: 'upload', onsubmit: (e) => { e.preventDefault(); submit(crs.value); },
    ondragover: (e) => { e.preventDefault(); form.classList.add('over'); }, ondragleave: () => form.classList.remove('over'),
    ondrop: (e) => { e.preventDefault(); form.classList.remove('over'); choose([...e.dataTransfer.files]); } },
  el('label', {}, w('file', lang), input), chosen,
  el('label', {}, w('layer', lang), layer), el('label', {}, w('crs', lang), crs), el('label', {}, w('mapping', lang), mapping.select), el('label', {}, w('mode', lang), mode),
  el('button', { class: 'primary', type: 'submit' }, w('dryRun', lang)));
  root.append(el('h2', {}, w('upload', lang)), el('p', { class: 'hint' }, w('dropHint', lang)), form, mapping.details, error, progress, report);

  // Back to a job left earlier: its state, or its report.
  if (param('job')) {
    try { show(await poll(`/imports/${encodeURIComponent(param('job'))}`)); } catch { param('job', null); }
  }
}
