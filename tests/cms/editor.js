// Opens the web editor (/admin/) in headless Chromium and prints what it offers as JSON.
// Usage: node editor.js ADMIN_URL SCREENSHOT [create PHOTO | visit | newsite PHOTO | fix SLUG URL]
//   (run by tests/test_cms.py)
//   lists the collections and the fields of a new vacancy and of a new story, and every request the
//   page made; with `create`, fills in a new vacancy and a new story with PHOTO uploaded, changes an
//   existing vacancy, and saves
//   them (through decap-server); with `visit`, only what the page shows and requests by itself.
const path = require('path');
const { chromium } = require(path.join(__dirname, '..', 'a11y', 'node_modules', 'playwright-core'));

const [admin, screenshot, action, photo, args4] = process.argv.slice(2);

// A new entry's form, loaded afresh: moving between two forms in place, Decap keeps the first
// one's field ids on the second's inputs.
async function newEntry(page, collection) {
  await page.goto(`${admin}#/collections/${collection}/new`);
  await page.reload();
}

async function labels(page, collection) {
  await newEntry(page, collection);
  await page.waitForSelector('label[for^="body-field-"]', { timeout: 30000 });  // the last field
  await page.waitForTimeout(500);
  return page.$$eval('label', (nodes) => nodes.map((n) => ({ for: n.getAttribute('for'), text: n.textContent.trim() })));
}

// The input that a field's label points to, by the field's front-matter name.
const field = (page, name) => page.locator(`[id^="${name}-field-"]`).first();

async function pick(page, name, text) {
  await field(page, name).click();
  await page.keyboard.type(text);
  // A relation's options are read from the repository as the author types: wait for the one asked.
  await page.locator('[class*="option"]', { hasText: text }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

async function create(page) {
  await newEntry(page, 'vacancies');
  await field(page, 'title').waitFor({ timeout: 30000 });
  await field(page, 'title').fill('Jurist Sociaal Domein');
  await field(page, 'summary').fill('Je adviseert over de Wmo en de Jeugdwet. Een vaste baan voor 36 uur.');
  await pick(page, 'department', 'Sociaal Domein');
  await field(page, 'location').fill('Stadskantoor, Lindewaard');
  await field(page, 'hours').fill('32-36');
  await pick(page, 'scale', '10');
  await field(page, 'published').fill('30-11-2026');  // as Dutch writes dates: stored as 2026-11-30
  await field(page, 'closes').fill('15-01-2027');
  await field(page, 'apply').fill('mailto:werkenbij@lindewaard.example');
  // An object's parts show once it is opened.
  await field(page, 'name').fill('Sanne de Wit');
  await field(page, 'role').fill('teamleider Juridische Zaken');
  await field(page, 'phone').fill('0570 75 12 34');
  await pick(page, 'process', 'Standaard');
  await pick(page, 'remote', 'Hybride');
  await pick(page, 'channels', 'LinkedIn');
  for (const name of ['id', 'tags']) {  // filled in and emptied again: left out of the file
    await field(page, name).fill('x');
    await field(page, name).fill('');
  }
  await fillGaps(page, 'Je adviseert het team Sociaal Domein over bezwaar en beroep.');
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-filled.png'), fullPage: true });
  return publish(page, 'jurist-sociaal-domein');
}

// The text starts as make new-vacancy's does: headings, with "[[…]]" to fill in. An author writes
// over each gap (the first with `first`, the others with a sentence of their own).
async function fillGaps(page, first) {
  const body = page.locator('[data-slate-editor="true"]').first();
  for (let i = 0; i < 20; i += 1) {
    const gap = body.getByText(/\[\[.*\]\]/).first();
    if (!(await gap.count())) return;
    await gap.click({ clickCount: 3 });
    await page.keyboard.type(i === 0 ? first : `Zo werkt het hier, punt ${i + 1}.`);
  }
}

async function publish(page, slug) {
  await page.getByText(/^Publiceer$/).first().click();
  await page.getByText(/^Publiceer nu$/).first().click();  // Decap's Dutch: 'publish now'
  try {
    await page.waitForURL(new RegExp(`entries/${slug}$`), { timeout: 30000 });
  } catch (error) {  // not saved: say which fields the form refused
    const refused = await page.$$eval('ul[class*="ControlErrors"] li, [class*="ErrorMessage"]', (n) =>
      n.map((e) => `${e.closest('[class*="ControlContainer"]')?.querySelector('label')?.textContent}: ${e.textContent}`));
    throw new Error(`${slug} was not saved: ${JSON.stringify(refused)}`);
  }
  await page.waitForTimeout(500);
  return page.url();
}

// A story with a photo uploaded through the media library.
async function story(page, photo, values) {
  await newEntry(page, 'stories');
  await page.waitForSelector('label[for^="body-field-"]', { timeout: 30000 });
  for (const name of ['title', 'name', 'role']) await field(page, name).fill(values[name]);
  await pick(page, 'department', values.department);
  for (const name of ['summary', 'quote']) await field(page, name).fill(values[name]);
  await page.getByText(/^Kies een afbeelding$/).click();
  await page.locator('input[type=file]').setInputFiles(photo);
  await page.getByText(/^Gebruik selectie$/).click();
  await field(page, 'photo_alt').fill(values.photo_alt);
  await field(page, 'published').fill('30-11-2026');  // as Dutch writes dates
  await field(page, 'consent_until').fill('30-11-2028');
  await fillGaps(page, values.text);
  return publish(page, values.slug);
}

async function createStory(page, photo) {
  return story(page, photo, {
    slug: 'noor-jansen', title: 'Ik maak de regels begrijpelijk', name: 'Noor Jansen', role: 'Jurist Sociaal Domein',
    department: 'Sociaal Domein', summary: 'Noor schrijft besluiten die inwoners in één keer begrijpen.',
    quote: 'Een goed besluit lees je één keer.', photo_alt: 'Noor aan haar bureau in het Stadskantoor.',
    text: 'Ik werk sinds twee jaar bij de gemeente.',
  });
}

// A new site's first day: a department added to the list, then a vacancy and a story in it; the
// vacancy's application address has a mistake the form does not see (make check does).
async function newSite(page, photo) {
  await page.goto(`${admin}#/collections/departments/entries/departments`);
  await page.reload();
  await page.getByText(/^Voeg afdeling toe$/i).first().click();  // Decap's Dutch: 'add department'
  const added = page.locator('input[id^="department-field-"]').last();
  await added.waitFor({ timeout: 30000 });
  await added.fill('Vergunningen');
  await publish(page, 'departments');
  await newEntry(page, 'vacancies');
  await field(page, 'title').waitFor({ timeout: 30000 });
  await field(page, 'title').fill('Vergunningverlener');
  await field(page, 'summary').fill('Je beoordeelt aanvragen voor een omgevingsvergunning. Een vaste baan voor 36 uur.');
  await pick(page, 'department', 'Vergunningen');
  await field(page, 'location').fill('Gemeentehuis, Noordveen');
  await field(page, 'hours').fill('36');
  await pick(page, 'scale', '10');
  await field(page, 'published').fill('30-11-2026');
  await field(page, 'closes').fill('15-01-2027');
  await field(page, 'apply').fill('mailto:werkenbij@noordveen.example?bcc=iemand@elders.example');
  await field(page, 'name').fill('Sanne de Wit');
  await field(page, 'role').fill('teamleider Vergunningen');
  await field(page, 'phone').fill('0570 75 12 34');
  await pick(page, 'process', 'Standaard');
  await fillGaps(page, 'Je beoordeelt aanvragen en adviseert inwoners.');
  const vacancy = await publish(page, 'vergunningverlener');
  const saved = await story(page, photo, {
    slug: 'noor-jansen', title: 'Ik help mensen bouwen', name: 'Noor Jansen', role: 'Vergunningverlener',
    department: 'Vergunningen', summary: 'Noor beoordeelt aanvragen en legt uit wat nodig is.',
    quote: 'Een goed advies scheelt een afwijzing.', photo_alt: 'Noor aan haar bureau in het gemeentehuis.',
    text: 'Ik werk sinds twee jaar bij de gemeente.',
  });
  return [vacancy, saved];
}

// The mistake make check named, fixed in the editor: the application address written anew.
async function fix(page, slug, address) {
  await page.goto(`${admin}#/collections/vacancies/entries/${slug}`);
  await page.reload();
  await page.waitForSelector('label[for^="body-field-"]', { timeout: 30000 });
  await page.waitForTimeout(500);
  await field(page, 'apply').fill(address);
  return publish(page, slug);
}

// An existing vacancy opened, one field changed, and saved.
async function edit(page, slug) {
  await page.goto(`${admin}#/collections/vacancies/entries/${slug}`);
  await page.reload();
  await page.waitForSelector('label[for^="body-field-"]', { timeout: 30000 });
  await page.waitForTimeout(500);
  await field(page, 'location').fill('Gemeentewerf, Lindewaard');
  return publish(page, slug);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // werkenbij.test stands for the published site's host (served from 127.0.0.1 all the same).
    // It is treated as the secure origin (https) a real site has: Decap needs crypto.randomUUID.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--host-resolver-rules=MAP werkenbij.test 127.0.0.1',
      `--unsafely-treat-insecure-origin-as-secure=${new URL(admin).origin}`],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(admin, { waitUntil: 'load' });
  if (action === 'visit') {  // only what the page shows and loads by itself
    await page.waitForTimeout(3000);
    await page.screenshot({ path: screenshot });
    console.log(JSON.stringify({ text: await page.textContent('body'), requests, errors }));
    await browser.close();
    return;
  }
  const login = page.locator('button').first();
  await login.waitFor({ timeout: 30000 });
  await login.click();
  await page.waitForSelector('a[href*="#/collections/"]', { timeout: 30000 });
  const collections = await page.$$eval('a[href*="#/collections/"]', (links) =>
    links.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
  if (action === 'newsite' || action === 'fix') {
    const saved = action === 'newsite' ? await newSite(page, photo) : [await fix(page, photo, args4)];
    await page.screenshot({ path: screenshot });
    console.log(JSON.stringify({ collections, requests, errors, saved }));
    await browser.close();
    return;
  }
  await page.screenshot({ path: screenshot });
  const vacancy = await labels(page, 'vacancies');
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-vacancy.png'), fullPage: true });
  const story = await labels(page, 'stories');
  const saved = action === 'create'
    ? [await create(page), await createStory(page, photo), await edit(page, 'vergunningverlener-omgevingswet')]
    : null;
  console.log(JSON.stringify({ collections, vacancy, story, requests, errors, saved }));
  await browser.close();
})().catch((error) => { console.error(error); process.exit(1); });
