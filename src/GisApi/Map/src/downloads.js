// The list as files: the OGC API's downloads (GeoPackage, Shapefile, CSV, Excel, KML, FlatGeobuf) of exactly the sites
// listed — their codes as a CQL2 filter, since the page's filters include some the API does not take (a carrier's area
// by shape) — in the list's order where the API can sort by it (code otherwise).
import { el } from './dom.js';
import { t } from './i18n.js';

const FORMATS = [['gpkg', 'GeoPackage'], ['shp', 'Shapefile'], ['csv', 'CSV'], ['xlsx', 'Excel'], ['kml', 'KML'], ['fgb', 'FlatGeobuf']];
const FLOOR = { size: '-vacantFloorAreaSqm', price: 'rentCnyPerSqmMonth' };
const SORTS = { parcels: { size: '-netSiteAreaSqm', price: 'startingPrice' }, carriers: FLOOR, buildings: FLOOR };

/** The links for the listed features of a layer (all: the layer's whole count, for which no filter is needed). */
export function downloadLinks(layer, listed, all, sort, lang) {
  if (listed.length === 0) return [];
  const query = new URLSearchParams();
  if (listed.length < all) {
    query.set('filter', `code IN (${listed.map((f) => `'${String(f.properties.code ?? f.id).replaceAll("'", "''")}'`).join(', ')})`);
  }
  const by = SORTS[layer]?.[sort];
  query.set('sortby', by ? `${by},code` : 'code');
  return [el('span', {}, `${t('download', lang)}: `), ...FORMATS.map(([f, label]) =>
    el('a', { href: `/ogc/collections/${layer}/items?f=${f}&${query}`, download: '', 'data-format': f }, label))];
}
