// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on pages of a served site in headless Chromium.
// Usage: node axe.js BASE_URL path:width [path:width ...]   Prints one JSON object per page: axe's
// violations, and what the browser's console reported as errors while the page loaded (a failed
// request, a script error).
const { chromium } = require('playwright-core');
const fs = require('fs');

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, ...pages] = process.argv.slice(2);

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  // The tests' pinned day (CAREERSITE_BROWSER_NOW, ISO): every page opens with the browser's clock
  // there, as the site was built for it, whatever today's date is (a check may set its own moment).
  const fixedNow = process.env.CAREERSITE_BROWSER_NOW;
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    if (fixedNow) await page.clock.setFixedTime(new Date(fixedNow));
    return page;
  };
  try {
    for (const spec of pages) {
      const [path, width] = spec.split(':');
      const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
      const errors = [];
      // A failed request is reported by its response below (the 404 page's own status is its point).
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('response', (response) => {
        if (response.status() >= 400 && response.url() !== base + path) errors.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(base + path, { waitUntil: 'load' });
      await page.waitForTimeout(300); // requests the page's scripts make after load (Material's language switcher)
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
      const violations = result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')),
      }));
      console.log(JSON.stringify({ path, width: Number(width), violations, errors }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
})();
