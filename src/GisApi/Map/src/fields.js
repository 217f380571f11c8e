// What the detail card shows of each layer, in order: the property, its label in both languages and how to write its
// value (unit, enumeration, list, date). The names are the API's (docs/data-model.md).
import { v } from './i18n.js';

const n = (digits) => (x) => x == null ? '—' : Number(x).toLocaleString(undefined, { maximumFractionDigits: digits });
// A unit as each language writes it: after the number in Chinese (40 年, 8,940 万元), and in English what an English
// reader expects (40 years; CNY 89.4 million: 万元 are ten thousands). Units that read alike stay one string (m², kVA).
const unit = (digits, suffix) => (x, lang) => {
  if (x == null) return '—';
  const words = typeof suffix === 'string' ? { zh: suffix, en: suffix } : suffix;
  return typeof words[lang] === 'function' ? words[lang](Number(x)) : `${n(digits)(x)} ${words[lang]}`;
};
const million = (x) => `CNY ${(x / 100).toLocaleString('en', { maximumFractionDigits: 3 })} million`;
const wanYuan = { zh: '万元', en: million };
const pct = (x) => x == null ? '—' : `${(Number(x) * 100).toFixed(1)} %`;
const en = (x, lang) => x == null ? '—' : v(x, lang);
const list = (xs, lang) => (xs ?? []).map((x) => v(x, lang)).join(lang === 'zh' ? '、' : ', ');
/** A starting price by its basis: 303.4 万元/亩 in Chinese, CNY 3.034 million per mu in English. */
const price = (x, lang, p) => {
  if (x == null) return '—';
  const value = Number(x);
  if (lang === 'zh') return `${n(2)(value)} ${{ wanYuanPerMu: '万元/亩', yuanPerSqmFloorArea: '元/m²（楼面价）', wanYuanTotal: '万元（总价）' }[p.priceBasis] ?? ''}`;
  return { wanYuanPerMu: `${million(value)} per mu`, yuanPerSqmFloorArea: `CNY ${n(0)(value)} per m² of floor area`, wanYuanTotal: `${million(value)} in total` }[p.priceBasis]
    ?? n(2)(value);
};

const common = [
  ['code', '编号', 'Code', (x) => x],
  ['addressZh', '地址', 'Address', (x, lang, p) => (lang === 'zh' ? p.addressZh : p.addressEn) ?? '—'],
];
const contact = [
  ['stewardId', '责任单位', 'Steward', en],
  ['contactName', '联系人', 'Contact', (x) => x ?? '—'],
  ['contactPhone', '电话', 'Phone', (x) => x ?? '—'],
  ['verifiedOn', '核实日期', 'Verified on', (x) => x ?? '—'],
];
const floorSpace = [
  ['vacantFloorAreaSqm', '空置面积', 'Vacant floor area', unit(0, 'm²')],
  ['vacancyRate', '空置率', 'Vacancy rate', pct],
  ['floorHeightM', '层高', 'Floor height', unit(2, 'm')],
  ['floorLoadKnPerSqm', '楼面承重', 'Floor load', unit(1, 'kN/m²')],
  ['rentCnyPerSqmMonth', '租金', 'Rent', unit(2, { zh: '元/m²/月', en: (x) => `CNY ${x.toFixed(2)} per m² a month` })],
  ['availableFrom', '可入驻时间', 'Available from', (x) => x ?? '—'],
];

export const fields = {
  parcels: [...common,
    ['areaId', '片区', 'Area', (x, lang, p) => p.areaName?.[lang] ?? x],
    ['landUse', '土地用途', 'Land use', en],
    ['landUseCode', '用地分类代码', 'Land-use code', (x, lang, p) => `${x} (${v(p.landUseScheme, lang)})`],
    ['status', '状态', 'Status', en],
    ['netSiteAreaSqm', '净用地面积', 'Net site area', unit(2, 'm²')],
    ['siteAreaMu', '用地面积（亩）', 'Site area (mu)', unit(2, { zh: '亩', en: 'mu' })],
    ['plotRatioMax', '容积率上限', 'Max. plot ratio', n(2)],
    ['plotRatioMin', '容积率下限', 'Min. plot ratio', n(2)],
    ['buildingDensityMaxPct', '建筑密度上限', 'Max. building density', unit(1, '%')],
    ['greenRatioMinPct', '绿地率下限', 'Min. green ratio', unit(1, '%')],
    ['heightLimitM', '建筑限高', 'Height limit', unit(1, 'm')],
    ['leaseTermYears', '出让年限', 'Lease term', unit(0, { zh: '年', en: 'years' })],
    ['startingPrice', '起始价', 'Starting price', price],
    ['depositWanYuan', '竞买保证金', 'Deposit', unit(2, wanYuan)],
    ['supplyMethod', '供地方式', 'Supply method', en],
    ['availableFrom', '可供地时间', 'Available from', (x) => x ?? '—'],
    ...contact],
  carriers: [...common,
    ['kind', '载体类型', 'Kind', en],
    ['industries', '主导产业', 'Industries', list],
    ['status', '状态', 'Status', en],
    ['totalFloorAreaSqm', '总建筑面积', 'Total floor area', unit(0, 'm²')],
    ...floorSpace,
    ['powerCapacityKva', '供电容量', 'Power capacity', unit(0, 'kVA')],
    ['operator', '运营主体', 'Operator', (x) => x ?? '—'],
    ...contact],
  buildings: [...common,
    ['carrierCode', '所属载体', 'Carrier', (x) => x ?? '—'],
    ['category', '楼宇类别', 'Category', en],
    ['floors', '层数', 'Floors', n(0)],
    ['grossFloorAreaSqm', '建筑面积', 'Gross floor area', unit(0, 'm²')],
    ...floorSpace,
    ...contact],
};

/** The OData entity set and key of a feature, for the card's links. */
export const odata = { parcels: 'Parcels', carriers: 'Carriers', buildings: 'Buildings' };
