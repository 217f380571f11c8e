// Loading the inventory into the page: every feature of a layer, page by page, and which area each carrier and
// building lies in (asked of OData's InArea, since their records carry no area of their own).
import { odata } from './fields.js';

/** Every feature of a layer: pages of 1000, following the OGC API's next links. */
export async function items(layer, crs) {
  const all = { type: 'FeatureCollection', features: [] };
  let url = `/ogc/collections/${layer}/items?limit=1000${crs}`;
  while (url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${layer}: ${response.status}`);
    const page = await response.json();
    all.features.push(...page.features);
    url = page.links?.find((l) => l.rel === 'next')?.href ?? null;
  }
  return all;
}

export async function areaMembership(data, layer) {
  const entitySet = odata[layer];
  const byCode = new globalThis.Map(data[layer].features.map((f) => [f.properties.code, f]));
  await Promise.all(data.areas.features.map(async (area) => {
    let url = `/odata/${entitySet}/InArea(areaId='${area.properties.id}')?$select=code&$top=1000`;
    while (url) {
      const page = await (await fetch(url)).json();
      for (const row of page.value) {
        const feature = byCode.get(row.code);
        if (feature) feature.properties.inArea = area.properties.id;
      }
      url = page['@odata.nextLink'] ?? null;
    }
  }));
}
