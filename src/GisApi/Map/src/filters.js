// Which features of the current layer the filters let through, and in which order: plain functions over the GeoJSON
// properties the page loaded, fast enough for the zone's inventory to answer within a frame.
const MU = 10000 / 15; // m² in 1 亩

const num = (x) => (x === '' || x == null ? null : Number(x));
const atLeast = (value, min) => min == null || (value != null && value >= min);
const atMost = (value, max) => max == null || (value != null && value <= max);

export function matches(layer, p, s) {
  if (s.status && p.status !== s.status) return false;
  if (layer === 'parcels') {
    const scale = s.unit === 'mu' ? MU : 1;
    const minArea = num(s.minArea), maxArea = num(s.maxArea);
    return (!s.area || p.areaId === s.area) && (!s.landUse || p.landUse === s.landUse)
      && atLeast(p.netSiteAreaSqm, minArea == null ? null : minArea * scale)
      && atMost(p.netSiteAreaSqm, maxArea == null ? null : maxArea * scale)
      && atMost(p.startingPrice, num(s.maxPrice));
  }
  const space = atLeast(p.vacantFloorAreaSqm, num(s.minVacant)) && atLeast(p.floorLoadKnPerSqm, num(s.minLoad))
    && atLeast(p.floorHeightM, num(s.minHeight));
  if (layer === 'carriers') {
    return space && (!s.kind || p.kind === s.kind) && (!s.industry || (p.industries ?? []).includes(s.industry))
      && atLeast(p.powerCapacityKva, num(s.minPower)) && (!s.area || p.inArea === s.area);
  }
  return space && (!s.category || p.category === s.category) && (!s.area || p.inArea === s.area);
}

const size = (layer, p) => layer === 'parcels' ? p.netSiteAreaSqm : p.vacantFloorAreaSqm;
const price = (layer, p) => layer === 'parcels' ? p.startingPrice : p.rentCnyPerSqmMonth;

export function order(layer, features, sort, distances) {
  const key = {
    size: (f) => -(size(layer, f.properties) ?? 0),
    price: (f) => price(layer, f.properties) ?? Infinity,
    distance: (f) => distances?.get(f.properties.code) ?? Infinity,
  }[sort];
  const byCode = (a, b) => a.properties.code.localeCompare(b.properties.code);
  return [...features].sort(key ? (a, b) => (key(a) - key(b)) || byCode(a, b) : byCode);
}
