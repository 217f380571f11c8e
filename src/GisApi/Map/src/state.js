// The page's state — language, layer, filters, sort and view — and its place in the URL hash, so that a link restores
// what its sender saw. Only values that differ from the defaults are written.
import { languageFromBrowser } from './i18n.js';

export const defaults = () => ({
  lang: languageFromBrowser(), layer: 'parcels', area: '', landUse: '', status: '', unit: 'sqm',
  minArea: '', maxArea: '', maxPrice: '', industry: '', kind: '', category: '',
  minVacant: '', minLoad: '', minHeight: '', minPower: '', sort: 'code', selected: '', z: '', c: '',
  // A site search: the GET form of /match (find.js); empty when browsing.
  find: '',
});

export function read(hash = location.hash) {
  const state = defaults();
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  for (const key of Object.keys(state)) {
    if (params.has(key)) state[key] = params.get(key);
  }
  if (!['parcels', 'carriers', 'buildings'].includes(state.layer)) state.layer = 'parcels';
  if (!['zh', 'en'].includes(state.lang)) state.lang = languageFromBrowser();
  return state;
}

export function write(state) {
  const base = defaults();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value !== '' && value !== base[key]) params.set(key, value);
  }
  history.replaceState(null, '', `#${params}`);
}
