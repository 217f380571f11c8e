// The card's nearest places: asked of the API for the one site shown (nearestPlaces=true), so the map's pages stay
// light; each kind's nearest place with its distance on the ground.
import { Marker } from '/map/vendor/maplibre-gl.mjs';
import { el } from './dom.js';
import { t, v } from './i18n.js';

const distance = (m, lang) => m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 1 })} km`;

export async function nearPlaces(container, layer, code, lang) {
  const response = await fetch(`/ogc/collections/${layer}/items/${encodeURIComponent(code)}?nearestPlaces=true`);
  if (!response.ok) return {};
  const near = (await response.json()).properties.nearestPlaces ?? {};
  const kinds = Object.keys(near).sort((a, b) => near[a].distanceM - near[b].distanceM);
  container.replaceChildren(el('h3', {}, t('nearestPlaces', lang)), el('ul', { class: 'near-places' }, ...kinds.map((kind) =>
    el('li', { 'data-kind': kind, 'data-place': near[kind].id },
      el('span', { class: 'kind' }, v(kind, lang)), ' ', lang === 'zh' ? near[kind].nameZh : near[kind].nameEn, ' · ',
      el('span', { class: 'distance' }, distance(near[kind].distanceM, lang))))));
  return near;
}

/** The places within this distance of a chosen site are brought into view with it: its surroundings, not a shape on grey. */
export const surroundingsM = 3000;

/** The places' names as HTML markers (no glyph server offline), shown from zoom 12, where a site's surroundings are. */
export function placeLabels(map, places, lang) {
  const markers = places.features.map((f) => {
    const element = el('div', { class: 'place-label', 'data-place': f.properties.id }, lang === 'zh' ? f.properties.nameZh : f.properties.nameEn);
    return new Marker({ element, anchor: 'left', offset: [8, 0] }).setLngLat(f.geometry.coordinates);
  });
  const show = () => { for (const m of markers) (map.getZoom() >= 12 ? m.addTo(map) : m.remove()); };
  map.on('zoomend', show);
  show();
  return { remove: () => { map.off('zoomend', show); for (const m of markers) m.remove(); } };
}

