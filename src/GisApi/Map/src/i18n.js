// Every label and enumeration value of the page in Chinese and English. The data's own names (nameZh/nameEn,
// addressZh/addressEn) are bilingual already; these are the words around them.
export const labels = {
  title: { zh: '成都经开区 · 土地与载体地图', en: 'Chengdu ETDZ · Land and floor space' },
  what: { zh: '查找', en: 'Find' },
  parcels: { zh: '土地', en: 'Land' },
  carriers: { zh: '产业载体', en: 'Carriers' },
  buildings: { zh: '楼宇', en: 'Buildings' },
  areas: { zh: '片区', en: 'Areas' },
  area: { zh: '片区', en: 'Area' },
  any: { zh: '不限', en: 'Any' },
  landUse: { zh: '土地用途', en: 'Land use' },
  status: { zh: '状态', en: 'Status' },
  siteArea: { zh: '用地面积', en: 'Site area' },
  min: { zh: '最小', en: 'min' },
  max: { zh: '最大', en: 'max' },
  maxPrice: { zh: '最高起始价', en: 'Max. starting price' },
  industry: { zh: '主导产业', en: 'Industry' },
  kind: { zh: '载体类型', en: 'Kind' },
  category: { zh: '楼宇类别', en: 'Category' },
  minVacant: { zh: '最小空置面积 (m²)', en: 'Min. vacant floor area (m²)' },
  minLoad: { zh: '最小楼面承重 (kN/m²)', en: 'Min. floor load (kN/m²)' },
  minHeight: { zh: '最小层高 (m)', en: 'Min. floor height (m)' },
  minPower: { zh: '最小供电容量 (kVA)', en: 'Min. power (kVA)' },
  sort: { zh: '排序', en: 'Sort' },
  bySize: { zh: '面积', en: 'Size' },
  byPrice: { zh: '价格', en: 'Price' },
  byDistance: { zh: '距离', en: 'Distance' },
  byCode: { zh: '编号', en: 'Code' },
  results: { zh: '结果', en: 'Results' },
  reset: { zh: '清除条件', en: 'Clear filters' },
  close: { zh: '关闭', en: 'Close' },
  nearby: { zh: '周边', en: 'Nearby' },
  within: { zh: '半径', en: 'within' },
  compare: { zh: '对比', en: 'Compare' },
  addCompare: { zh: '加入对比', en: 'Add to compare' },
  removeCompare: { zh: '移出对比', en: 'Remove from compare' },
  compareFull: { zh: '最多对比 3 个', en: 'At most 3 to compare' },
  clearCompare: { zh: '清空', en: 'Clear' },
  geojson: { zh: 'GeoJSON', en: 'GeoJSON' },
  odata: { zh: 'OData', en: 'OData' },
  verifiedOn: { zh: '核实日期', en: 'Verified on' },
  contact: { zh: '联系人', en: 'Contact' },
  nothing: { zh: '没有符合条件的结果', en: 'Nothing matches' },
  distance: { zh: '距离', en: 'Distance' },
  clickMap: { zh: '在地图上点击一处以查看周边', en: 'Click the map to see what is nearby' },
  language: { zh: 'English', en: '中文' },
  units: { zh: '面积单位', en: 'Area unit' },
  nearestPlaces: { zh: '最近的设施', en: 'Nearest places' },
  findSites: { zh: '为我的项目找地找楼', en: 'Find sites for my project' },
  browse: { zh: '返回浏览清单', en: 'Back to the lists' },
  spaceLand: { zh: '土地', en: 'Land' },
  spaceFloor: { zh: '厂房与楼宇', en: 'Floor space' },
  must: { zh: '必须满足', en: 'Must' },
  weight: { zh: '权重', en: 'Weight' },
  find: { zh: '查找', en: 'Find' },
  requirements: { zh: '项目需求', en: 'Requirements' },
  score: { zh: '匹配度', en: 'Fit' },
  oneAway: { zh: '只差一项的', en: 'One requirement away' },
  relax: { zh: '放宽', en: 'Relax' },
  met: { zh: '满足', en: 'met' },
  nearMiss: { zh: '接近', en: 'near miss' },
  notMet: { zh: '不满足', en: 'not met' },
  unstated: { zh: '未注明', en: 'not stated' },
  date: { zh: '日期', en: 'date' },
};

// The values' words are the server's too (Words/values.json): pages, brochures and match explanations use them.
import values from '../../Words/values.json';

export { values };

export const enums = {
  landUse: ['residential', 'commercialService'],
  parcelStatus: ['available', 'reserved', 'underNegotiation', 'transferred', 'withdrawn'],
  carrierStatus: ['available', 'underConstruction', 'fullyLet', 'withdrawn'],
  kind: ['industrialPark', 'standardFactory', 'officeBuilding', 'incubator', 'warehouse'],
  industry: Object.keys(values).slice(Object.keys(values).indexOf('intelligentConnectedVehicles'),
    Object.keys(values).indexOf('businessServices') + 1),
  category: ['aging', 'featured', 'underused'],
};

export const languageFromBrowser = () => (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';

export const t = (key, lang) => labels[key]?.[lang] ?? key;

export const v = (value, lang) => values[value]?.[lang] ?? String(value);
