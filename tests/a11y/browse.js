// Uses the built site as a candidate does, in headless Chromium, and prints what it found as JSON.
// Usage: node browse.js BASE_URL CHECK [ARG ...]      (run by tests/test_candidate.py)
//   menu PATH [follow]  open the ☰ menu at 390 px, list its links (with `follow`: open each one)
//   filters             the vacancy listing on a phone and on a desktop
//   layout PATH WIDTH   fact labels and the width of running text
//   table               the salary table on a phone, scrolled sideways
//   pdf PATH OUT        print a page to PDF (A4) at OUT
//   photos PATH WIDTH DPR  the story photos a screen loads: shown size, chosen copy, bytes, layout shift
//   clock PATH ISO      a vacancy page opened with the browser's clock at ISO: what it invites
//   lists PATH ISO [W]  a page with vacancy lists at that moment: what it shows and counts
//   follow PATH         open PATH (an earlier address) and say where the browser ends, and its heading
//   batch FILE          the checks listed in FILE (JSON: [[check, arg…], …]) in one browser, results in order
//   counting PATH REFERRER  open a vacancy as a candidate coming from REFERRER, tap apply: where it lands
//   share PATH WIDTH    a share page for colleagues: copy a text, the share links, the QR code as an image
//   skip PATH WIDTH     the first Tab stop of a page, and where Enter on it leads
//   overview PATH WIDTH an open vacancy's first two screens, overview, apply bar, share, print, calendar
//   alerts PATH WIDTH   the job alerts page: copy a feed's address with one tap, open what a feed holds
//   editorwarnings SLUG...  the web editor's panel of warnings beside each entry (BASE: the entries' address)
const { chromium } = require('playwright-core');

const [base, check, ...args] = process.argv.slice(2);

async function open(browser, path, width) {
  const page = await browser.newPage({ viewport: { width, height: 844 } });
  await page.goto(base + path, { waitUntil: 'load' });
  return page;
}

const checks = {
  // A candidate on the job alerts page taps the first "copy" button: what the clipboard holds and
  // what the page said; then opens what the second alert holds.
  async alerts(browser, path, width) {
    const context = await browser.newContext({ viewport: { width: Number(width), height: 844 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
    const page = await context.newPage();
    await page.goto(base + path, { waitUntil: 'load' });
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    const button = page.locator('[data-cs-copy]').first();
    const result = { buttonVisible: await button.isVisible(), buttonText: (await button.textContent()).trim() };
    await button.click();
    await page.waitForTimeout(200);
    result.clipboard = await page.evaluate(() => navigator.clipboard.readText());
    result.said = (await page.locator('.cs-alerts__status').first().textContent()).trim();
    const preview = page.locator('details.cs-alerts__preview').nth(1);
    await preview.locator('summary').click();
    result.listed = await preview.locator('li a').evaluateAll((as) => as.filter((a) => a.offsetParent).map((a) => a.textContent.trim()));
    result.requests = requests;  // nothing is sent anywhere by copying or opening
    result.fieldWidth = await page.locator('.cs-alerts__field').first().evaluate((e) => e.getBoundingClientRect().right <= window.innerWidth);
    await context.close();
    return result;
  },
  // A candidate opens an open vacancy at WIDTH: what the first screen and the next one show, where
  // the overview sits (beside the text, sticky, or after the first screen), the phone's apply bar
  // before and after scrolling and on paper, the share sheet (a device with one, and one without),
  // print, and the calendar file the page links.
  async overview(browser, path, width) {
    const w = Number(width);
    const context = await browser.newContext({ viewport: { width: w, height: 844 } });
    const fixedNow = process.env.CAREERSITE_BROWSER_NOW;
    if (fixedNow) await context.clock.setFixedTime(new Date(fixedNow));
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__shared = null; window.__printed = 0;
      navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };
      window.print = () => { window.__printed += 1; };
    });
    await page.goto(base + path, { waitUntil: 'load' });
    const screenOf = (selector) => page.evaluate((sel) => {
      const e = document.querySelector(sel);
      if (!e || e.closest('[hidden]')) return null;
      const box = e.getBoundingClientRect();
      if (!box.width) return null;
      return Math.floor((box.bottom + window.scrollY - 1) / window.innerHeight) + 1; // 1: the first screen
    }, selector);
    const facts = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.cs-facts__item')].map((i) => {
      const box = i.getBoundingClientRect();
      return [i.querySelector('dt').textContent.trim(), Math.floor((box.bottom + window.scrollY - 1) / window.innerHeight) + 1];
    })));
    const result = {
      screens: {
        title: await screenOf('h1'),
        apply: await screenOf('a.cs-apply'),
        facts,
        procedure: await screenOf('.cs-overview a[href="#cs-timeline"]'),
        phone: await screenOf('.cs-overview a[href^="tel:"]'),
        send: await screenOf('.cs-overview__list > div:nth-child(6)'),
        applicants: await screenOf('.cs-overview__list > div:nth-child(7)'),
      },
      beside: await page.evaluate(() => {
        const aside = document.querySelector('.cs-overview').getBoundingClientRect();
        const text = document.querySelector('.cs-body').getBoundingClientRect();
        return aside.left >= text.right - 1;
      }),
      barAtTop: await page.locator('[data-cs-applybar]').isVisible(),
    };
    await page.evaluate(() => window.scrollTo(0, 2600));
    await page.waitForTimeout(300);
    result.barScrolled = await page.locator('[data-cs-applybar]').isVisible();
    result.overviewScrolled = await page.evaluate(() => {
      const box = document.querySelector('.cs-overview').getBoundingClientRect();
      return { top: Math.round(box.top), bottom: Math.round(box.bottom) };
    });
    // the bar covers nothing: the page's end stays above it
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(300);
    result.barCovers = await page.evaluate(() => {
      const bar = document.querySelector('[data-cs-applybar]');
      if (!bar || bar.hidden || getComputedStyle(bar).display === 'none') return false;
      const footer = document.querySelector('.md-footer, footer');
      return footer ? footer.getBoundingClientRect().bottom > bar.getBoundingClientRect().top + 1 : false;
    });
    await page.emulateMedia({ media: 'print' });
    result.barPrinted = await page.locator('[data-cs-applybar]').isVisible();
    result.overviewPrinted = await page.locator('.cs-overview').isVisible();
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.scrollTo(0, 0));
    const share = page.locator('button[data-cs-share]');
    result.shareButton = await share.isVisible();
    if (result.shareButton) { await share.click(); await page.waitForTimeout(100); }
    result.shared = await page.evaluate(() => window.__shared);
    result.shareLinksShown = await page.locator('[data-cs-share-links]').isVisible();
    const print = page.locator('button[data-cs-print]');
    result.printButton = await print.isVisible();
    if (result.printButton) await print.click();
    result.printed = await page.evaluate(() => window.__printed);
    const calendar = await page.locator('.cs-overview a[download]').getAttribute('href');
    const response = await page.request.get(new URL(calendar, page.url()).href);
    result.calendar = { status: response.status(), type: response.headers()['content-type'], text: await response.text() };
    await context.close();
    // Without a share sheet (most desktop browsers): the links to each network, with their tags.
    const plain = await browser.newPage({ viewport: { width: w, height: 844 } });
    await plain.goto(base + path, { waitUntil: 'load' });
    result.withoutSheet = {
      button: await plain.locator('button[data-cs-share]').isVisible(),
      links: await plain.locator('[data-cs-share-links] a').evaluateAll((as) => as.filter((a) => a.offsetParent).map((a) => a.href)),
    };
    await plain.close();
    return result;
  },
  // A keyboard user opens PATH: the first Tab reaches the skip link, shown; Enter takes the focus to
  // the content, before the page's title and its first link or button.
  async skip(browser, path, width) {
    const page = await open(browser, path, Number(width));
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const a = document.activeElement;
      const box = a.getBoundingClientRect();
      return { text: a.textContent.trim(), href: a.getAttribute('href'), visible: box.width > 0 && box.height > 0 && box.top >= 0 };
    });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    const landed = await page.evaluate(() => {
      const main = document.getElementById('cs-main');
      const h1 = main && main.querySelector('h1');
      return {
        focus: document.activeElement.id,
        titleInside: !!h1,
        titleBelow: !!h1 && (main.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_CONTAINED_BY) !== 0,
      };
    });
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const main = document.getElementById('cs-main');
      return { inside: main.contains(document.activeElement), tag: document.activeElement.tagName };
    });
    await page.close();
    return { first, landed, next };
  },
  // A colleague opens a share page, taps the first copy button and looks at the share links and
  // the QR code; what the clipboard then holds, what the page said, and the code as a PNG.
  async share(browser, path, width) {
    const page = await browser.newPage({
      viewport: { width: Number(width), height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await page.goto(base + path, { waitUntil: 'load' });
    const first = page.locator('[data-copy]').first();
    const field = await first.getAttribute('data-copy');
    await first.click();
    await page.waitForFunction(() => document.querySelector('[role="status"]').textContent !== '');
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    const found = await page.evaluate((id) => ({
      text: document.getElementById(id).value,
      status: document.querySelector('[role="status"]').textContent,
      device: { hidden: document.querySelector('[data-share]').hidden, supported: typeof navigator.share === 'function' },
      links: [...document.querySelectorAll('a[data-network]')].map((a) => {
        const box = a.getBoundingClientRect();
        return { network: a.dataset.network, href: a.href, width: box.width, height: box.height, right: box.right };
      }),
      overflow: document.scrollingElement.scrollWidth > window.innerWidth,
      fieldsShowAll: [...document.querySelectorAll('textarea')].every((t) => t.scrollHeight <= t.clientHeight + 2),
      images: [...document.querySelectorAll('.images img')].map((img) => ({ src: img.currentSrc, loaded: img.naturalWidth })),
    }), field);
    const qr = page.locator('.qr svg');
    await qr.scrollIntoViewIfNeeded();
    for (const img of await page.locator('.images img').all()) await img.scrollIntoViewIfNeeded();
    await page.waitForTimeout(100);
    found.images = await page.$$eval('.images img', (all) => all.map((img) => ({ src: img.currentSrc, loaded: img.naturalWidth })));
    found.qrPng = (await qr.screenshot()).toString('base64');
    found.clipboard = clipboard;
    await page.close();
    return found;
  },
  // A candidate on a phone follows a link to PATH from REFERRER and taps the first apply button;
  // the application system's host answers with a stand-in page. What the button said, and where
  // the tap ended.
  async counting(browser, path, referrer) {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
    });
    await page.route('https://sollicitatie.lindewaard.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>ATS</title><h1>Sollicitatieformulier</h1>' }));
    await page.goto(base + path, { waitUntil: 'load', referer: referrer || undefined });
    const button = page.locator('a.cs-apply').first();
    const href = await button.getAttribute('href');
    const visible = await button.isVisible();
    await Promise.all([page.waitForURL(/sollicitatie\.lindewaard\.example/, { timeout: 10000 }), button.click()]);
    await page.waitForLoadState('load');
    const landed = { url: page.url(), h1: (await page.textContent('h1')) || '' };
    await page.close();
    return { href, visible, landed };
  },
  async follow(browser, path) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(base + path, { waitUntil: 'load' });
    await page.waitForSelector('.cs-vacancy, article h1, .md-content h1', { timeout: 10000 });
    const found = { url: page.url(), h1: (await page.textContent('h1')) || '' };
    await page.close();
    return found;
  },
  async menu(browser, path, follow) {
    const page = await open(browser, path, 390);
    const button = page.locator('.md-header label[for="__drawer"]');
    const buttonVisible = await button.isVisible();
    await button.click();
    await page.waitForTimeout(400);
    // One entry per menu item; the current page's item also holds a label that opens its contents.
    const links = await page.$$eval('.md-nav--primary > .md-nav__list > .md-nav__item', (items) =>
      items.map((item) => {
        const a = item.querySelector(':scope > a.md-nav__link, :scope > .md-nav__container > a.md-nav__link')
          || item.querySelector(':scope > .md-nav__link');
        // The current page shows its label (which opens the page's contents) in place of the link.
        const visible = [...item.querySelectorAll(':scope > .md-nav__link')].some((node) => {
          const box = node.getBoundingClientRect();
          return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= window.innerWidth
            && getComputedStyle(node).visibility !== 'hidden';
        });
        const style = getComputedStyle(a);
        return { text: a.textContent.trim(), href: a.href || null, visible, current: a.getAttribute('aria-current'), color: style.color };
      }));
    // The menu's title: the whole site name, and the logo on its light disc (else the mark vanishes
    // on the brand colour).
    const title = await page.$eval('.md-nav--primary > .md-nav__title', (node) => {
      const logo = node.querySelector('.md-logo img');
      return {
        text: node.textContent.trim(), cut: node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1,
        logoBackground: logo ? getComputedStyle(logo).backgroundColor : null,
        logoWidth: logo ? logo.getBoundingClientRect().width : 0,
      };
    });
    const followed = [];
    for (const link of links) {
      if (!link.href || follow !== 'follow') continue;
      const target = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const response = await target.goto(link.href, { waitUntil: 'load' });
      followed.push({ href: link.href, status: response.status(), h1: (await target.textContent('h1')) || '' });
      await target.close();
    }
    await page.close();
    return { buttonVisible, links, followed, title };
  },

  async filters(browser) {
    const phone = await open(browser, 'vacancies/', 390);
    const firstCardTop = await phone.$eval('.cs-vcard', (c) => c.getBoundingClientRect().top);
    const panelBefore = await phone.isVisible('#cs-filter-panel');
    const count = await phone.textContent('[data-cs-count]');
    const toggle = phone.locator('[data-cs-toggle]');
    const toggleVisible = await toggle.isVisible();
    await toggle.click();
    const expanded = await toggle.getAttribute('aria-expanded');
    const panelAfter = await phone.isVisible('#cs-filter-panel');
    const value = await phone.$eval('select[name="education"] option:nth-child(2)', (o) => o.value);
    await phone.selectOption('select[name="education"]', value);
    const countAfter = await phone.textContent('[data-cs-count]');
    const toggleText = await toggle.textContent();
    const shown = await phone.$$eval('.cs-vcard:not([hidden])', (cards) => cards.length);
    await phone.close();
    const desktop = await open(browser, 'vacancies/', 1280);
    const desktopPanel = await desktop.isVisible('#cs-filter-panel');
    const desktopToggle = await desktop.isVisible('[data-cs-toggle]');
    await desktop.close();
    return {
      firstCardTop, panelBefore, count, toggleVisible, expanded, panelAfter, value, countAfter, toggleText, shown,
      desktopPanel, desktopToggle,
    };
  },

  async layout(browser, path, width) {
    const page = await open(browser, path, Number(width));
    const result = await page.evaluate(() => {
      const labels = [...document.querySelectorAll('.cs-facts dt')].map((dt) => {
        const style = getComputedStyle(dt);
        const lines = Math.round(dt.getBoundingClientRect().height / parseFloat(style.lineHeight));
        return { text: dt.textContent, lines, overflows: dt.scrollWidth > dt.clientWidth + 1 };
      });
      const paragraphs = [...document.querySelectorAll('article p, .md-content__inner > p')]
        .filter((p) => p.textContent.length > 200 && p.offsetParent)
        .map((p) => {
          const style = getComputedStyle(p);
          const lines = p.getBoundingClientRect().height / parseFloat(style.lineHeight);
          return { chars: Math.round(p.textContent.trim().length / Math.max(1, Math.round(lines))), lines };
        });
      return { labels, paragraphs, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth };
    });
    await page.close();
    return result;
  },

  async table(browser) {
    const page = await open(browser, 'salaris/', 390);
    const result = await page.evaluate(() => {
      const wrap = document.querySelector('.cs-table-wrap');
      const cell = () => document.querySelector('table.cs-scales tbody th[scope="row"]').getBoundingClientRect().left;
      const before = cell();
      wrap.scrollLeft = wrap.scrollWidth;
      return { scrolls: wrap.scrollWidth > wrap.clientWidth, moved: wrap.scrollLeft, before, after: cell(),
        wrapLeft: wrap.getBoundingClientRect().left };
    });
    await page.close();
    return result;
  },

  async photos(browser, path, width, dpr) {
    const page = await browser.newPage({ viewport: { width: Number(width), height: 844 }, deviceScaleFactor: Number(dpr) });
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(base + path, { waitUntil: 'load' });
    // Bring every lazy photo into view, then back to the top, and wait until all have arrived.
    const height = await page.evaluate(() => document.body.scrollHeight);
    for (let y = 0; y < height; y += 600) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(50);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => [...document.querySelectorAll('img[srcset]')].every((img) => img.complete));
    const result = await page.evaluate(() => ({
      shift: window.__shift,
      images: [...document.querySelectorAll('img[srcset]')].map((img) => {
        const box = img.getBoundingClientRect();
        const entry = performance.getEntriesByName(img.currentSrc)[0];
        return {
          class: img.className, shownWidth: box.width, shownHeight: box.height,
          width: Number(img.getAttribute('width')), height: Number(img.getAttribute('height')),
          naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
          src: img.currentSrc, bytes: entry ? entry.encodedBodySize : null,
        };
      }),
      resources: performance.getEntriesByType('resource').filter((e) => /\.(jpe?g|png|webp)$/i.test(e.name))
        .map((e) => ({ name: e.name, bytes: e.encodedBodySize })),
    }));
    await page.close();
    return result;
  },

  async clock(browser, path, iso) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.clock.setFixedTime(new Date(iso));
    await page.goto(base + path, { waitUntil: 'load' });
    const result = {
      apply: await page.locator('a.cs-apply').first().isVisible(),
      // any apply button or the calendar file at any width: the overview's, the phone's bar
      applyAnywhere: await page.evaluate(() => [...document.querySelectorAll('a.cs-apply, a[download]')]
        .some((a) => !a.closest('[hidden]'))),
      notice: await page.locator('.cs-notice[data-cs-closed-notice]').isVisible(),
      noticeText: (await page.locator('.cs-notice[data-cs-closed-notice]').textContent()).trim(),
      overviewStatus: await page.evaluate(() => [...document.querySelectorAll('.cs-overview__list > div:first-child dd > span')]
        .filter((s) => !s.closest('[hidden]')).map((s) => s.textContent.trim()).join('|')),
      status: await page.getAttribute('article.cs-vacancy', 'data-status'),
    };
    await page.emulateMedia({ media: 'print' });
    result.printApply = await page.locator('.cs-print-apply').isVisible();
    await page.close();
    return result;
  },

  // A page with lists of vacancies, opened with the browser's clock at ISO: the vacancies it
  // shows, its counts, and how far the page moved while it loaded (layout shift).
  async lists(browser, path, iso, width) {
    const page = await browser.newPage({ viewport: { width: Number(width || 1280), height: 900 } });
    await page.clock.setFixedTime(new Date(iso));
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(base + path, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    const result = await page.evaluate(() => ({
      shown: [...document.querySelectorAll('.cs-vcard')].filter((c) => c.offsetParent !== null)
        .map((c) => c.querySelector('.cs-card__title').textContent.trim()),
      count: (document.querySelector('[data-cs-count]') || {}).textContent || null,
      groups: [...document.querySelectorAll('[data-cs-group]')].filter((g) => !g.hidden)
        .map((g) => g.querySelector('h2').textContent.trim()),
      options: [...document.querySelectorAll('select option')].filter((o) => o.value && !o.hidden)
        .map((o) => o.textContent.trim()),
      all: (document.querySelector('[data-cs-n="all"]') || {}).textContent || null,
      links: [...document.querySelectorAll('.cs-notfound li')].filter((li) => !li.hidden)
        .map((li) => li.querySelector('a').textContent.trim()),
      shift: window.__shift,
    }));
    await page.close();
    return result;
  },

  // The web editor at `base` + SLUG for each slug (an entry's address, #/collections/…/entries/):
  // the panel of that file's warnings beside the form, as `make serve` writes them.
  async editorwarnings(browser, ...slugs) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const found = [];
    for (const slug of slugs) {
      await page.goto(base + slug, { waitUntil: 'load' });
      // The panel says which file it has looked up (`data-file`) once it has read the warnings.
      await page.waitForSelector(`#cs-warnings[data-file$="/${slug}.md"]`, { state: 'attached', timeout: 10000 });
      found.push(await page.$eval('#cs-warnings', (panel) => ({
        shown: !panel.hidden,
        summary: panel.querySelector('summary').textContent,
        lines: [...panel.querySelectorAll('li')].map((li) => li.textContent),
      })));
    }
    await page.close();
    return found;
  },
  async pdf(browser, path, out) {
    const page = await open(browser, path, 1280);
    await page.pdf({ path: out, format: 'A4' });
    await page.close();
    return { out };
  },
};

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  // The tests' pinned day (CAREERSITE_BROWSER_NOW, ISO): every page opens with the browser's clock
  // there, as the site was built for it, whatever today's date is (a check may set its own moment).
  // Not for `photos`: a fixed clock leaves the resource timings it measures without sizes, and
  // story photos do not depend on the day.
  let running = check;
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    const fixedNow = running === 'photos' ? '' : process.env.CAREERSITE_BROWSER_NOW;
    if (fixedNow) await page.clock.setFixedTime(new Date(fixedNow));
    return page;
  };
  try {
    if (check === 'batch') {
      // batch FILE: a JSON list of [check, arg…], all in this one browser (a launch costs a second);
      // each check's result, or its error, in order.
      const specs = JSON.parse(require('fs').readFileSync(args[0], 'utf8'));
      const results = [];
      for (const [name, ...rest] of specs) {
        running = name;
        try {
          results.push({ ok: await checks[name](browser, ...rest) });
        } catch (error) {
          results.push({ error: String(error && error.stack || error) });
        }
      }
      console.log(JSON.stringify(results));
    } else {
      console.log(JSON.stringify(await checks[check](browser, ...args)));
    }
  } finally {
    await browser.close();
  }
})();
