// A site's page in Debian's headless Chromium with JavaScript off, as a chat app's preview or a locked-down phone sees
// it; then its inquiry form sent as a person would.   node site.e2e.mjs <scenario> <baseUrl> <artifactDir> <path>
import { openPage, run } from './chromium.mjs';

const [scenario, baseUrl, artifacts, path] = process.argv.slice(2);
const { browser, page, errors } = await openPage({ javaScriptEnabled: false, viewport: { width: 420, height: 900 } });

const scenarios = {
  async read() {
    await page.goto(`${baseUrl}${path}`);
    await page.screenshot({ path: `${artifacts}/site-page.png`, fullPage: true });
    return {
      title: await page.title(),
      meta: await page.$$eval('meta[property], meta[name]', (metas) => Object.fromEntries(metas.map((m) => [m.getAttribute('property') ?? m.getAttribute('name'), m.content]))),
      fields: await page.$$eval('tr[data-field]', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.field, r.querySelector('td').textContent]))),
      near: await page.$$eval('.near li', (items) => items.map((li) => `${li.dataset.kind}=${li.dataset.place}`)),
      contact: await page.textContent('.contact'),
      image: await page.$eval('img.map', (img) => ({ src: img.src, loaded: img.complete && img.naturalWidth })),
      qr: await page.$$eval('.qr svg', (svgs) => svgs.length),
    };
  },
  async ask() {
    await page.goto(`${baseUrl}${path}`);
    await page.fill('input[name=name]', 'Chen Qi');
    await page.fill('input[name=company]', 'Qi Motors');
    await page.fill('input[name=contact]', 'chen.qi@example.com');
    await page.fill('textarea[name=message]', 'We need 10 000 m² from spring.');
    await page.waitForTimeout(1300); // a person takes a moment; the form's guard wants at least a second here
    await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
    return { url: page.url(), sent: await page.textContent('.sent') };
  },
};

await run(scenarios, scenario, browser, errors);
