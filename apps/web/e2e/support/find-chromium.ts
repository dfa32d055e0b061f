// Which Chromium the browser tests drive. In order: CHROMIUM_PATH when set;
// the system's (Debian's /usr/bin/chromium, or `chromium` on PATH); else the
// Chromium shipped inside the @sparticuz/chromium devDependency, so that
// `npm ci` alone brings a browser. With none of them the tests must fail, not
// skip: a run that never opened the page would pass without testing it.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const BUNDLED_PACKAGE = '@sparticuz/chromium';

const INSTALL_HINT =
  `Install one with "apt-get install -y chromium", or run "npm ci" to get ${BUNDLED_PACKAGE} ` +
  '(Linux x64 only), or set CHROMIUM_PATH to a Chromium or Chrome executable.';

export interface ChromiumExecutable {
  path: string;
  source: 'CHROMIUM_PATH' | 'system' | typeof BUNDLED_PACKAGE;
}

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function systemChromium(): string | undefined {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'chromium'));
  return [SYSTEM_CHROMIUM, ...onPath].find(isExecutable);
}

/**
 * Unpacks the package's brotli-compressed Chromium (about 1 s) into
 * `<tmp>/taskoverflow-chromium-<version>`, once per version. The package
 * itself unpacks into `os.tmpdir()` and reuses whatever `chromium` it finds
 * there, even half-written by a parallel run or left by another version; so
 * it unpacks into a private staging directory that is then renamed into place
 * (atomic: the loser of a race keeps the winner's copy).
 */
async function bundledChromium(): Promise<string | undefined> {
  // Its binary is built for Linux x64; elsewhere it would only fail to start.
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(BUNDLED_PACKAGE);
  } catch {
    return undefined; // not installed
  }
  const manifest = path.join(path.dirname(entry), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const target = path.join(tmpdir(), `taskoverflow-chromium-${version}`);
  const executable = path.join(target, 'chromium');
  if (existsSync(executable)) return executable;

  const staging = await mkdtemp(`${target}-unpacking-`);
  const { default: Chromium } = await import('@sparticuz/chromium');
  const tmpdirBefore = process.env.TMPDIR;
  process.env.TMPDIR = staging; // os.tmpdir() reads it on every call
  try {
    await Chromium.executablePath();
    await rename(staging, target);
  } catch (error) {
    // A parallel run renamed its copy into place first: use that one.
    if (!existsSync(executable)) throw error;
  } finally {
    if (tmpdirBefore === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdirBefore;
    await rm(staging, { recursive: true, force: true });
  }
  return executable;
}

/** The Chromium to launch; throws, saying what to install, when there is none. */
export async function findChromium(): Promise<ChromiumExecutable> {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (isExecutable(given)) return { path: given, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH=${given} is not an executable file. ${INSTALL_HINT}`);
  }
  const system = systemChromium();
  if (system) return { path: system, source: 'system' };
  const bundled = await bundledChromium();
  if (bundled) return { path: bundled, source: BUNDLED_PACKAGE };
  throw new Error(`The browser tests need Chromium and found none. ${INSTALL_HINT}`);
}
