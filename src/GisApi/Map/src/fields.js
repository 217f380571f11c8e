// What the detail card shows of each layer, in order, from Words/fields.json — the file the server's pages, brochures
// and spreadsheets read too (Sites/SiteFields.cs): the property, its label in both languages, and its format (unit,
// enumeration, list, date). The names are the API's (docs/data-model.md).
import catalogue from '../../Words/fields.json';
import { v } from './i18n.js';

const n = (digits) => (x) => x == null ? '—' : Number(x).toLocaleString(undefined, { maximumFractionDigits: digits });
// A unit as each language writes it: after the number in Chinese (40 年, 8,940 万元), and in English what an English
// reader expects (40 years; CNY 89.4 million: 万元 are ten thousands). Units that read alike stay one string (m², kVA).
const million = (x) => `CNY ${(x / 100).toLocaleString('en', { maximumFractionDigits: 3 })} million`;
const orDash = (f) => (x, lang, p) => x == null ? '—' : f(x, lang, p);
/** A starting price by its basis: 303.4 万元/亩 in Chinese, CNY 3.034 million per mu in English. */
const price = (x, lang, p) => {
  const value = Number(x);
  if (lang === 'zh') return `${n(2)(value)} ${{ wanYuanPerMu: '万元/亩', yuanPerSqmFloorArea: '元/m²（楼面价）', wanYuanTotal: '万元（总价）' }[p.priceBasis] ?? ''}`;
  return { wanYuanPerMu: `${million(value)} per mu`, yuanPerSqmFloorArea: `CNY ${n(0)(value)} per m² of floor area`, wanYuanTotal: `${million(value)} in total` }[p.priceBasis]
    ?? n(2)(value);
};

/** The function that writes a value of the format named in fields.json. */
function format(spec) {
  const [kind, digits, unit] = spec.split(':');
  return {
    text: (x) => x ?? '—',
    date: (x) => x ?? '—',
    address: (x, lang, p) => (lang === 'zh' ? p.addressZh : p.addressEn) ?? '—',
    area: (x, lang, p) => p.areaName?.[lang] ?? x,
    enum: orDash((x, lang) => v(x, lang)),
    list: (xs, lang) => (xs ?? []).map((x) => v(x, lang)).join(lang === 'zh' ? '、' : ', '),
    landUseCode: (x, lang, p) => `${x} (${v(p.landUseScheme, lang)})`,
    pct: orDash((x) => `${(Number(x) * 100).toFixed(1)} %`),
    price: orDash(price),
    number: (x) => n(Number(digits))(x),
    unit: orDash((x, lang) => `${n(Number(digits))(x)} ${catalogue.units[unit][lang]}`),
    wanYuan: orDash((x, lang) => lang === 'zh' ? `${n(Number(digits))(x)} 万元` : million(Number(x))),
    rent: orDash((x, lang) => lang === 'zh' ? `${n(2)(x)} 元/m²/月` : `CNY ${Number(x).toFixed(2)} per m² a month`),
  }[kind];
}

const rows = (list) => list.flatMap((entry) => typeof entry === 'string' ? rows(catalogue[entry]) : [[entry[0], entry[1], entry[2], format(entry[3])]]);

export const fields = Object.fromEntries(['parcels', 'carriers', 'buildings'].map((layer) => [layer, rows(catalogue[layer])]));

/** The OData entity set and key of a feature, for the card's links. */
export const odata = { parcels: 'Parcels', carriers: 'Carriers', buildings: 'Buildings' };
