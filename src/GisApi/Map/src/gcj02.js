// GCJ-02 ("Mars coordinates", AMap) to WGS84, for the clicks on a map drawn in GCJ-02 (when such a base map is
// configured): the searches take WGS84. The published forward offset, inverted by fixed-point iteration (to well under
// a metre in China); the API does the same in C# (src/Data/Spatial/ChineseMapOffsets.cs).
const a = 6378245.0;
const ee = 0.00669342162296594323;

function offset(lon, lat) {
  const x = lon - 105, y = lat - 35;
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
  dLat += (20 * Math.sin(y * Math.PI) + 40 * Math.sin(y / 3 * Math.PI)) * 2 / 3;
  dLat += (160 * Math.sin(y / 12 * Math.PI) + 320 * Math.sin(y * Math.PI / 30)) * 2 / 3;
  let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLon += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
  dLon += (20 * Math.sin(x * Math.PI) + 40 * Math.sin(x / 3 * Math.PI)) * 2 / 3;
  dLon += (150 * Math.sin(x / 12 * Math.PI) + 300 * Math.sin(x / 30 * Math.PI)) * 2 / 3;
  const rad = lat / 180 * Math.PI;
  const magic = 1 - ee * Math.sin(rad) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  return [dLon * 180 / (a / sqrtMagic * Math.cos(rad) * Math.PI), dLat * 180 / ((a * (1 - ee)) / (magic * sqrtMagic) * Math.PI)];
}

export function toWgs84([lon, lat]) {
  let [x, y] = [lon, lat];
  for (let i = 0; i < 10; i++) {
    const [dx, dy] = offset(x, y);
    [x, y] = [lon - dx, lat - dy];
  }
  return [x, y];
}
