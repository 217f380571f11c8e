// The review's map: every changed feature's old boundary (dashed red) and new one (blue), added features (green),
// removed ones (grey), each drawn from the dry run's own report — nothing of the change is written yet.
import { Map, NavigationControl, ScaleControl } from '/map/vendor/maplibre-gl.mjs';
import { boundsOf } from '../map.js';

export const styles = {
  old: { colour: '#c0392b', dash: [2, 2] },
  changed: { colour: '#1d4ed8' },
  added: { colour: '#15803d' },
  removed: { colour: '#6b7280', dash: [1, 1] },
  problem: { colour: '#d97706' },
};

/** The report's changes as feature collections, one per style; the problems that have a place as points. */
export function collections(changes, problems = []) {
  const out = Object.fromEntries(Object.keys(styles).map((k) => [k, { type: 'FeatureCollection', features: [] }]));
  for (const c of changes) {
    const feature = (geometry, kind) => geometry && out[kind].features.push({ type: 'Feature', properties: { key: c.key }, geometry });
    if (c.change === 'added') feature(c.shape, 'added');
    else if (c.change === 'removed') feature(c.shape, 'removed');
    else {
      feature(c.shape, 'changed');
      const moved = c.changes.find((x) => x.field === 'geometry');
      if (moved) feature(moved.old, 'old');
    }
  }
  for (const p of problems.filter((x) => x.at)) {
    out.problem.features.push({ type: 'Feature', properties: { key: p.code ?? `#${p.featureIndex}`, problem: p.message }, geometry: { type: 'Point', coordinates: p.at } });
  }
  return out;
}

export function reviewMap(container, changes, problems = []) {
  const data = collections(changes, problems);
  const sources = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { type: 'geojson', data: v }]));
  const layers = [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }];
  for (const [id, style] of Object.entries(styles)) {
    layers.push({ id: `${id}-fill`, type: 'fill', source: id, filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'fill-color': style.colour, 'fill-opacity': id === 'old' ? 0 : 0.15 } });
    layers.push({ id: `${id}-line`, type: 'line', source: id,
      paint: { 'line-color': style.colour, 'line-width': 2, ...(style.dash ? { 'line-dasharray': style.dash } : {}) } });
    layers.push({ id: `${id}-point`, type: 'circle', source: id, filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': style.colour, 'circle-radius': id === 'problem' ? 8 : 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
  }
  const map = new Map({ container, style: { version: 8, sources, layers }, center: [104.24, 30.61], zoom: 11, attributionControl: false, dragRotate: false });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
  map.addControl(new ScaleControl({ unit: 'metric' }));
  const all = Object.values(data).flatMap((c) => c.features);
  if (all.length > 0) map.fitBounds(boundsOf(all), { padding: 40, maxZoom: 17, duration: 0 });
  /** Centres the map on one feature's change. */
  map.show = (key) => {
    const shapes = all.filter((f) => f.properties.key === key);
    if (shapes.length > 0) map.fitBounds(boundsOf(shapes), { padding: 60, maxZoom: 18, duration: 0 });
  };
  return map;
}
