#!/usr/bin/env node
// First-load report (a benchmark, never part of the tests): starts the built server the
// way the browser tests do and prints, as plain text tables,
//   (a) first-load bytes per route as served to a brotli client, and how many files;
//   (b) the files under the site's pkg dir (raw and brotli-11 KiB) and the split manifest;
//   (c) hydration time of /tenants (50+ tenants) at 4× CPU throttling, median of cold loads;
//   (d) Lighthouse performance and accessibility scores (mobile preset).
//
// Which build: SWITCHBOARD_SERVER_BIN and LEPTOS_SITE_ROOT (default target/release/server
// and target/site). With BEFORE_SERVER_BIN and BEFORE_SITE_ROOT set too, that build is
// measured in the same run and every table gets before/after columns and ratios.
//
//   node end2end/bench/firstload-report.mjs [--runs=5] [--lighthouse-runs=3] [--no-lighthouse]
//
// Lighthouse lives in end2end/bench/package.json (cd end2end/bench && npm install
// --no-fund --no-audit); without it section (d) is skipped with a note.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { startServer, launchBrowser, signIn } from '../tests/harness.mjs';
import { firstLoad, createTenantsViaApi, manageAsTenant } from '../tests/firstload.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const RUNS = Number(arg('runs', process.env.BENCH_RUNS ?? 5));
const LIGHTHOUSE = !args.includes('--no-lighthouse') && process.env.SKIP_LIGHTHOUSE !== '1';
const LH_RUNS = Number(arg('lighthouse-runs', process.env.BENCH_LIGHTHOUSE_RUNS ?? 3));
const TENANTS = 60;
const PREFIX = 'benchbakery';
const THROTTLE = 4;

/** The builds to measure: "before" (optional) and the current one. */
function builds() {
  const current = {
    bin: process.env.SWITCHBOARD_SERVER_BIN ?? join(root, 'target', 'release', 'server'),
    site: process.env.LEPTOS_SITE_ROOT ?? join(root, 'target', 'site'),
  };
  const { BEFORE_SERVER_BIN: bin, BEFORE_SITE_ROOT: site } = process.env;
  if (!bin !== !site) throw new Error('set both BEFORE_SERVER_BIN and BEFORE_SITE_ROOT, or neither');
  const list = bin ? [{ label: 'before', bin, site }, { label: 'after', ...current }] : [{ label: 'current', ...current }];
  for (const b of list) {
    if (!existsSync(b.bin)) throw new Error(`${b.label}: no server binary at ${b.bin}`);
    if (!existsSync(join(b.site, 'pkg'))) throw new Error(`${b.label}: no pkg dir under ${b.site}`);
  }
  return list;
}

// ---------------------------------------------------------------- plain text tables

const kib = (bytes) => (bytes / 1024).toFixed(1);
const ratio = (after, before) => (before ? `${(after / before).toFixed(2)}×` : '–');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Columns aligned; text left, numbers (anything starting with a digit, +, -, – or .) right. */
function table(head, rows) {
  const cells = [head, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+–\d.]/.test(String(r[i] ?? '–'))));
  const line = (r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function section(title) {
  console.log(`\n${title}\n${'='.repeat(title.length)}`);
}

/** Timings mean little on a busy machine: say how busy it was. */
const machine = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`;

// ---------------------------------------------------------------- server and seeding

/**
 * The harness picks the binary and site from the environment: set them for this start.
 * Leptos.toml asks for hashed file names, which the server looks up in hash.txt next to
 * its binary; a build without one (made before hashing) runs with hashing off.
 */
async function start(build) {
  const saved = { bin: process.env.SWITCHBOARD_SERVER_BIN, site: process.env.LEPTOS_SITE_ROOT };
  process.env.SWITCHBOARD_SERVER_BIN = build.bin;
  process.env.LEPTOS_SITE_ROOT = build.site;
  const hashed = existsSync(join(dirname(build.bin), 'hash.txt'));
  try {
    return await startServer({ LEPTOS_SITE_ROOT: build.site, LEPTOS_HASH_FILES: String(hashed) });
  } finally {
    for (const [key, value] of [['SWITCHBOARD_SERVER_BIN', saved.bin], ['LEPTOS_SITE_ROOT', saved.site]]) {
      if (value === undefined) delete process.env[key]; else process.env[key] = value;
    }
  }
}

/** 60 tenants, a partner admin's session, and a second session managing one tenant. */
async function seed(browser, url) {
  const partner = await browser.newContext();
  const page = await partner.newPage();
  await signIn(page, url);
  const tenants = [{ name: 'Bench Bakery', prefix: PREFIX, email: 'ap@benchbakery.test' }];
  for (let i = 1; tenants.length < TENANTS; i++) {
    const n = String(i).padStart(3, '0');
    tenants.push({ name: `Tenant ${n} Dental`, prefix: `tenant${n}`, email: `billing${n}@tenants.test` });
  }
  const [benchPath] = await createTenantsViaApi(page, tenants);
  const partnerState = await partner.storageState();
  await partner.close();

  const assuming = await browser.newContext();
  const other = await assuming.newPage();
  await signIn(other, url);
  await manageAsTenant(other, url, benchPath, PREFIX);
  const assumingState = await assuming.storageState();
  await assuming.close();
  return { partner: partnerState, assuming: assumingState };
}

const ROUTES = [
  { path: '/login', as: null },
  { path: '/', as: 'partner' },
  { path: '/tenants', as: 'partner' },
  { path: `/orgs/${PREFIX}`, as: 'assuming' },
  { path: '/help/tenant', as: null },
];
const AS_LABEL = { partner: 'partner admin', assuming: 'partner admin as tenant', null: 'signed out' };

// ---------------------------------------------------------------- (a) first-load bytes

async function firstLoads(browser, runs) {
  const results = runs.map(() => new Map());
  for (const route of ROUTES) {
    for (const [i, run] of runs.entries()) {
      const cookies = route.as ? run.sessions[route.as] : undefined;
      results[i].set(route.path, await firstLoad(browser, run.server.url, route.path, { cookies }));
    }
  }
  const encodings = (r) => {
    const count = {};
    for (const f of r.files) count[f.encoding] = (count[f.encoding] ?? 0) + 1;
    return Object.entries(count).map(([e, n]) => `${e}×${n}`).join(' ');
  };
  const rows = ROUTES.map((route) => {
    const per = results.map((m) => m.get(route.path));
    const row = [route.path, AS_LABEL[route.as]];
    for (const r of per) row.push(r.files.length, kib(r.total), encodings(r));
    if (per.length === 2) row.push(ratio(per[1].total, per[0].total));
    return row;
  });
  const head = ['route', 'as'];
  for (const run of runs) head.push(`${label(run)}files`, `${label(run)}KiB`, `${label(run)}encodings`);
  if (runs.length === 2) head.push('after/before');
  section('(a) First-load JS + WASM + CSS, bytes as served (Accept-Encoding: br, gzip)');
  console.log(table(head, rows));
  for (const [i, run] of runs.entries()) {
    console.log(`\n${run.build.label}: files per route (KiB as served, encoding)`);
    for (const route of ROUTES) {
      const r = results[i].get(route.path);
      console.log(`  ${route.path}: ${r.files.map((f) => `${f.url} ${kib(f.bytes)} ${f.encoding}`).join(', ')}`);
    }
  }
}

const label = (run) => (run.build.label === 'current' ? '' : `${run.build.label} `);

// ---------------------------------------------------------------- (b) chunks on disk

function chunks(build) {
  const pkg = join(build.site, 'pkg');
  const names = readdirSync(pkg).filter((n) => statSync(join(pkg, n)).isFile()).sort();
  const precompressed = new Set(names.filter((n) => /\.(br|gz|zst)$/.test(n)));
  const rows = [];
  let rawTotal = 0;
  let brTotal = 0;
  for (const name of names.filter((n) => !precompressed.has(n))) {
    const data = readFileSync(join(pkg, name));
    const br = brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length;
    const siblings = ['br', 'gz', 'zst'].filter((e) => precompressed.has(`${name}.${e}`));
    rawTotal += data.length;
    brTotal += br;
    rows.push([name, kib(data.length), kib(br), siblings.length ? siblings.map((e) => `.${e} ${kib(statSync(join(pkg, `${name}.${e}`)).size)}`).join(', ') : '–']);
  }
  rows.push(['total', kib(rawTotal), kib(brTotal), '']);
  console.log(`\n${build.label}: ${pkg}`);
  console.log(table(['file', 'raw KiB', 'brotli-11 KiB', 'precompressed on disk (KiB)'], rows));

  const manifest = names.find((n) => /^__wasm_split_manifest.*\.json$/.test(n));
  if (!manifest) {
    console.log('  no __wasm_split_manifest*.json: one WASM for every route (not split)');
    return { rawTotal, brTotal };
  }
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(join(pkg, manifest), 'utf8'));
  } catch (e) {
    console.log(`  ${manifest}: not JSON (${e.message})`);
    return { rawTotal, brTotal };
  }
  console.log(`\n  ${manifest}: what each split point loads`);
  const entries = Array.isArray(parsed) ? parsed.entries() : Object.entries(parsed);
  const mrows = [];
  for (const [key, value] of entries) {
    const files = (Array.isArray(value) ? value : [value]).flat().map(String);
    const onDisk = files.map((f) => basename(f)).filter((f) => names.includes(f));
    const bytes = onDisk.reduce((s, f) => s + statSync(join(pkg, f)).size, 0);
    mrows.push([`  ${key}`, files.length, onDisk.length ? kib(bytes) : '–', files.join(' ').slice(0, 90)]);
  }
  console.log(table(['  split point', 'files', 'raw KiB', 'loads'], mrows));
  return { rawTotal, brTotal };
}

// ---------------------------------------------------------------- (c) hydration time

async function hydrationMs(browser, run) {
  const context = await browser.newContext({ storageState: run.sessions.partner });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.goto(run.server.url + '/tenants', { waitUntil: 'commit', timeout: 120_000 });
    // Resolves with performance.now() (ms since navigation start) at the first animation
    // frame where the app has marked the body hydrated.
    const handle = await page.waitForFunction(
      () => document.body?.getAttribute('data-hydrated') === 'true' && performance.now(),
      null, { polling: 'raf', timeout: 120_000 },
    );
    const ms = await handle.jsonValue();
    if (new URL(page.url()).pathname !== '/tenants') throw new Error(`${run.build.label}: /tenants went to ${page.url()}`);
    const rows = await page.getByTestId('tenant-row').count();
    if (rows === 0) throw new Error(`${run.build.label}: /tenants hydrated with no tenant rows`);
    return { ms, rows };
  } finally {
    await context.close();
  }
}

async function hydration(browser, runs) {
  const times = runs.map(() => []);
  let rowsShown = 0;
  // Interleaved (before, after, before, …) so drift on a shared machine hits both alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [j, run] of runs.entries()) {
      const { ms, rows } = await hydrationMs(browser, run);
      times[j].push(ms);
      rowsShown = rows;
    }
  }
  section(`(c) /tenants hydration at ${THROTTLE}× CPU throttling: navigation start → body[data-hydrated=true], ${RUNS} cold loads each`);
  const rows = runs.map((run, j) => [
    run.build.label, median(times[j]).toFixed(0), Math.min(...times[j]).toFixed(0), Math.max(...times[j]).toFixed(0),
    times[j].map((t) => t.toFixed(0)).join(' '),
  ]);
  console.log(table(['build', 'median ms', 'min ms', 'max ms', 'all runs (ms)'], rows));
  console.log(`(${TENANTS} tenants seeded; the first page shows ${rowsShown} rows; ${machine()} at the end)`);
  if (runs.length === 2) console.log(`hydration time after/before (median): ${ratio(median(times[1]), median(times[0]))}`);
}

// ---------------------------------------------------------------- (d) Lighthouse

async function lighthouseScores(runs) {
  section(`(d) Lighthouse (mobile preset, simulated throttling), median of ${LH_RUNS} runs per route and build`);
  let lighthouse;
  let chromeLauncher;
  try {
    lighthouse = (await import('lighthouse')).default;
    chromeLauncher = await import('chrome-launcher');
  } catch {
    console.log('skipped: Lighthouse is not installed (cd end2end/bench && npm install --no-fund --no-audit)');
    return;
  }
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const score = (lhr, id) => (lhr.categories[id]?.score == null ? NaN : Math.round(lhr.categories[id].score * 100));
  /** One fresh chromium per run (Lighthouse's advice), signed in through a Cookie header. */
  const once = async (run, route) => {
    const state = route.as ? run.sessions[route.as] : null;
    const cookie = state ? state.cookies.map((c) => `${c.name}=${c.value}`).join('; ') : null;
    const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: flags });
    try {
      const { lhr } = await lighthouse(run.server.url + route.path, {
        port: chrome.port, output: 'json', logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
      });
      const landed = new URL(lhr.finalDisplayedUrl ?? lhr.finalUrl).pathname;
      return {
        perf: score(lhr, 'performance'), a11y: score(lhr, 'accessibility'),
        lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
        tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
        note: [landed !== route.path ? `landed on ${landed}` : '', lhr.runtimeError?.code ?? ''].filter(Boolean).join('; '),
      };
    } finally {
      await chrome.kill();
    }
  };
  const results = runs.map(() => new Map(ROUTES.map((r) => [r.path, []])));
  // Interleaved: route by route, before and after in turn, so load on the machine is shared.
  for (const route of ROUTES) {
    for (let n = 0; n < LH_RUNS; n++) {
      for (const [i, run] of runs.entries()) results[i].get(route.path).push(await once(run, route));
    }
  }
  const med = (xs, digits = 0) => (xs.some(Number.isNaN) ? '–' : median(xs).toFixed(digits));
  const head = ['route'];
  for (const run of runs) head.push(`${label(run)}perf`, `${label(run)}perf runs`, `${label(run)}a11y`, `${label(run)}LCP ms`, `${label(run)}TBT ms`);
  if (runs.length === 2) head.push('perf after-before');
  head.push('note');
  const rows = ROUTES.map((route) => {
    const row = [route.path];
    const notes = new Set();
    const perfs = [];
    for (const [i, run] of runs.entries()) {
      const rs = results[i].get(route.path);
      const perf = rs.map((r) => r.perf);
      perfs.push(median(perf));
      row.push(med(perf), perf.join(' '), med(rs.map((r) => r.a11y)), med(rs.map((r) => r.lcp)), med(rs.map((r) => r.tbt)));
      for (const r of rs) if (r.note) notes.add(`${run.build.label}: ${r.note}`);
    }
    if (runs.length === 2) row.push(Number.isNaN(perfs[0] - perfs[1]) ? '–' : `${perfs[1] - perfs[0] >= 0 ? '+' : ''}${perfs[1] - perfs[0]}`);
    row.push([...notes].join('; '));
    return row;
  });
  console.log(table(head, rows));
  console.log('(LCP under simulated slow 4G counts every request started before the observed paint: a large WASM\n'
    + ' preloaded early can put a whole download into LCP on some runs, hence the medians.)');
  console.log(`(${machine()} at the end)`);
}

// ---------------------------------------------------------------- main

async function main() {
  const list = builds();
  const runs = [];
  let browser;
  const stopAll = async () => {
    await browser?.close().catch(() => {});
    for (const run of runs) await run.server.stop().catch(() => {});
  };
  process.once('SIGINT', () => { stopAll().finally(() => process.exit(130)); });
  try {
    browser = await launchBrowser();
    for (const build of list) {
      const server = await start(build);
      runs.push({ build, server });
      runs.at(-1).sessions = await seed(browser, server.url);
    }
    console.log(`First-load report (${new Date().toISOString()}, ${machine()})`);
    for (const run of runs) {
    const hashed = existsSync(join(dirname(run.build.bin), 'hash.txt')) ? 'hashed names' : 'plain names';
    console.log(`  ${run.build.label}: ${run.build.bin}  site ${run.build.site}  (${hashed}; ${run.server.url})`);
  }

    await firstLoads(browser, runs);

    section('(b) Files under the pkg dir: raw and brotli (quality 11) KiB');
    const totals = runs.map((run) => chunks(run.build));
    if (totals.length === 2) {
      console.log(`\npkg dir total after/before: raw ${ratio(totals[1].rawTotal, totals[0].rawTotal)}, brotli ${ratio(totals[1].brTotal, totals[0].brTotal)}`);
    }

    await hydration(browser, runs);
    await browser.close();
    browser = null;

    if (LIGHTHOUSE) await lighthouseScores(runs);
    else section('(d) Lighthouse: skipped (--no-lighthouse)');
  } finally {
    await stopAll();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
