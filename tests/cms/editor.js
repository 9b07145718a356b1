// Opens the web editor (/admin/) in headless Chromium and prints what it offers as JSON.
// Usage: node editor.js ADMIN_URL SCREENSHOT [create]      (run by tests/test_cms.py)
//   lists the collections and the fields of a new vacancy and of a new story, and every request the
//   page made; with `create`, fills in a new vacancy and saves it (through decap-server).
const path = require('path');
const { chromium } = require(path.join(__dirname, '..', 'a11y', 'node_modules', 'playwright-core'));

const [admin, screenshot, action] = process.argv.slice(2);

async function labels(page, collection) {
  await page.goto(`${admin}#/collections/${collection}/new`);
  await page.waitForSelector('[id^="title-field"], input', { timeout: 30000 });
  await page.waitForTimeout(500);
  return page.$$eval('label', (nodes) => nodes.map((n) => ({ for: n.getAttribute('for'), text: n.textContent.trim() })));
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(admin, { waitUntil: 'load' });
  const login = page.locator('button').first();
  await login.waitFor({ timeout: 30000 });
  await login.click();
  await page.waitForSelector('a[href*="#/collections/"]', { timeout: 30000 });
  const collections = await page.$$eval('a[href*="#/collections/"]', (links) =>
    links.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
  await page.screenshot({ path: screenshot });
  const vacancy = await labels(page, 'vacancies');
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-vacancy.png'), fullPage: true });
  const story = await labels(page, 'stories');
  console.log(JSON.stringify({ collections, vacancy, story, requests, errors }));
  await browser.close();
})().catch((error) => { console.error(error); process.exit(1); });
