// Debian's Chromium (never a downloaded browser), headless, as every page test drives it: no GPU here, so WebGL goes
// through SwiftShader; no background networking, the machine has no internet to talk to.
import { chromium } from 'playwright-core';

export const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/**
 * A page in a browser of its own (`context`: viewport, locale, javaScriptEnabled …) and the errors its console and
 * scripts report; `allowFailedLoads`: a refused request ("Failed to load resource", which a scenario may expect and check
 * itself) is no error.
 */
export async function openPage(context = {}, { allowFailedLoads = false } = {}) {
  const browser = await launch();
  const page = await (await browser.newContext({ locale: 'en-US', ...context })).newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !(allowFailedLoads && m.text().startsWith('Failed to load resource'))) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page, errors };
}

/** Runs one scenario (given `input`), prints what it saw with the page's errors as JSON for the xunit side, and closes the browser. */
export async function run(scenarios, scenario, browser, errors, input) {
  try {
    const result = await scenarios[scenario](input);
    console.log(JSON.stringify({ ...result, errors }));
  } finally {
    await browser.close();
  }
}

/** The investor map's page: opened at a hash until it says it is ready, and settled once the map drew what it was asked. */
export function mapPage(page, baseUrl) {
  return {
    async open(hash) {
      await page.goto(`${baseUrl}/${hash}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    },
    // A repaint is forced so that an 'idle' event is sure to follow (waiting for 'idle' alone hangs when the map went
    // idle just before), with a time limit.
    settled: () => page.evaluate(() => new Promise((resolve, reject) => {
      const { map } = window.landInventory;
      const timer = setTimeout(() => reject(new Error('the map did not settle in 20 s')), 20000);
      map.once('idle', () => { clearTimeout(timer); resolve(); });
      map.triggerRepaint();
    })),
  };
}
