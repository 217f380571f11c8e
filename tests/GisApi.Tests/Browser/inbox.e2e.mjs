// The workspace's inquiry inbox in Debian's headless Chromium: what a planner sees of their bureau's inquiries, and
// an answer recorded there.   node inbox.e2e.mjs <scenario> <baseUrl> <artifactDir> <user> <password> <reference> <note>
import { openPage, run } from './chromium.mjs';
import { workspaceSession } from './workspace-session.mjs';

const [scenario, baseUrl, artifacts, user, password, reference, note] = process.argv.slice(2);
// Before signing in the page asks for its session and gets a 401, which Chromium logs as a failed load.
const { browser, page, errors } = await openPage({ viewport: { width: 1280, height: 860 } }, { allowFailedLoads: true });
const { ready, signIn } = workspaceSession(page, baseUrl);
const shown = () => page.$$eval('#inquiries article', (items) => items.map((a) => ({ reference: a.dataset.reference, status: a.dataset.status,
  contact: a.querySelector('.contact').textContent, requirements: a.querySelector('.requirements a')?.textContent ?? null })));

const scenarios = {
  async answer() {
    await signIn(user, password);
    await page.click('#nav a[data-view=inbox]');
    await ready('inbox');
    await page.waitForSelector('#inquiry-count');
    const fresh = await shown();
    await page.screenshot({ path: `${artifacts}/workspace-inbox.png`, fullPage: true });
    const item = `#inquiries article[data-reference="${reference}"]`;
    await page.selectOption(`${item} select[name=status]`, 'answered');
    await page.fill(`${item} textarea[name=note]`, note);
    await page.click(`${item} button.save`);
    await page.waitForFunction((r) => !document.querySelector(`#inquiries article[data-reference="${r}"]`), reference);
    await page.selectOption('select[name=status]', '');
    await page.waitForFunction((r) => document.querySelector(`#inquiries article[data-reference="${r}"][data-status="answered"]`), reference);
    return { fresh, all: await shown() };
  },
};

await run(scenarios, scenario, browser, errors);
