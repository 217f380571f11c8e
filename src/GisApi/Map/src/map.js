// The map: MapLibre with no base map by default (a clean background; the operator may configure raster base tiles),
// the areas, parcels coloured by land use with their status as opacity and outline, carriers as circles sized by vacant
// floor area, buildings as footprints. Labels are HTML markers: an offline page has no glyph server for map text.
import { Map, Marker, NavigationControl, ScaleControl } from '/map/vendor/maplibre-gl.mjs';

export const landUseColours = { residential: '#e8a33d', commercialService: '#d9534f' };
const fitColour = ['interpolate', ['linear'], ['get', 'score'], 0, '#c0392b', 50, '#e6a23c', 100, '#2e9e5b'];
const statusOpacity = ['match', ['get', 'status'], 'available', 0.75, 'reserved', 0.45, 'underNegotiation', 0.45, 0.2];

export function createMap(container, config, view) {
  const sources = {};
  const layers = [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }];
  if (config.baseTileUrl) {
    sources.base = { type: 'raster', tiles: [config.baseTileUrl], tileSize: 256, attribution: config.baseTileAttribution ?? '' };
    layers.push({ id: 'base', type: 'raster', source: 'base' });
  }
  const empty = { type: 'FeatureCollection', features: [] };
  for (const id of ['areas', 'parcels', 'carriers', 'buildings', 'highlight', 'fit']) sources[id] = { type: 'geojson', data: empty, promoteId: 'code' };
  sources.places = { type: 'geojson', data: empty, promoteId: 'id' };
  layers.push(
    { id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': '#5b8db8', 'fill-opacity': 0.08 } },
    { id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#5b8db8', 'line-width': 2, 'line-dasharray': [3, 2] } },
    { id: 'parcels-fill', type: 'fill', source: 'parcels', paint: {
      'fill-color': ['match', ['get', 'landUse'], 'residential', landUseColours.residential, landUseColours.commercialService],
      'fill-opacity': statusOpacity } },
    { id: 'parcels-line', type: 'line', source: 'parcels', paint: {
      'line-color': ['case', ['==', ['get', 'status'], 'available'], '#6b3e00', '#777'], 'line-width': 1.2 } },
    { id: 'buildings-fill', type: 'fill', source: 'buildings', paint: { 'fill-color': '#7a5fb0', 'fill-opacity': 0.7 } },
    { id: 'carriers-circle', type: 'circle', source: 'carriers', paint: {
      'circle-color': '#2f7d6d', 'circle-opacity': 0.85, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5,
      'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'vacantFloorAreaSqm']], 0, 4, 100, 8, 300, 18] } },
    // The places investors ask about, from the zoom at which a site's surroundings fill the screen.
    { id: 'places-circle', type: 'circle', source: 'places', minzoom: 12, paint: {
      'circle-color': ['match', ['get', 'kind'], 'metroStation', '#c0392b', 'expresswayEntrance', '#2c3e50', 'airport', '#8e44ad',
        'railwayFreight', '#7f5539', 'railwayStation', '#7f5539', 'hospital', '#16a085', '#2980b9'],
      'circle-radius': 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } },
    // A search's sites, coloured by fit: green for 100, amber for 50, red for 0.
    { id: 'fit-fill', type: 'fill', source: 'fit', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'fill-color': fitColour, 'fill-opacity': 0.85 } },
    { id: 'fit-circle', type: 'circle', source: 'fit', filter: ['==', ['geometry-type'], 'Point'], paint: {
      'circle-color': fitColour, 'circle-radius': 9, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
    { id: 'highlight-line', type: 'line', source: 'highlight', paint: { 'line-color': '#1d4ed8', 'line-width': 3 } },
    { id: 'highlight-circle', type: 'circle', source: 'highlight', filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1d4ed8', 'circle-stroke-width': 3 } },
  );
  const map = new Map({
    container,
    style: { version: 8, sources, layers },
    center: view.center ?? [104.24, 30.61],
    zoom: view.zoom ?? 11.5,
    attributionControl: config.baseTileUrl ? {} : false,
    dragRotate: false,
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
  map.addControl(new ScaleControl({ unit: 'metric' }));
  map.keyboard.enable();
  return map;
}

/** Area names as HTML markers at their centres, in the page's language. */
export function areaLabels(map, areas, lang) {
  return areas.features.map((f) => {
    const element = document.createElement('div');
    element.className = 'area-label';
    element.textContent = lang === 'zh' ? f.properties.nameZh : f.properties.nameEn;
    return new Marker({ element }).setLngLat(centre(f.geometry)).addTo(map);
  });
}

/** The middle of a geometry's bounding box: good enough to place a label or a card on a parcel. */
export function centre(geometry) {
  const [minX, minY, maxX, maxY] = bounds(geometry);
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}

/** The box around several features: [[minX, minY], [maxX, maxY]], as fitBounds takes it. */
export function boundsOf(features) {
  const box = features.map((f) => bounds(f.geometry))
    .reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  return [[box[0], box[1]], [box[2], box[3]]];
}

export function bounds(geometry) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] !== 'number') return c.forEach(walk);
    box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
    box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
  };
  walk(geometry.coordinates);
  return box;
}
