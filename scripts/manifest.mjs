// Writes <folder>/pkg/build.json: the build's content hash and the list of
// files the offline worker (www/sw.js) caches, so a new build gets a new
// cache and the old one is deleted.
//
//   node scripts/manifest.mjs www
//
// The hash covers every listed file's path and bytes; the list is every file
// of the app (pages, styles, every JS module, the wasm and its glue), not
// the test pages, the TypeScript declarations or the build's own stamps.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const SKIP = [/^test\//, /\.d\.ts$/, /^pkg\/\.built-from$/, /^pkg\/build\.json$/, /^sw\.js$/, /(^|\/)\./];

function walk(root, folder = root, out = []) {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(root, path, out);
    else out.push(relative(root, path).split(sep).join("/"));
  }
  return out;
}

const root = process.argv[2] ?? "www";
const files = walk(root).filter((file) => !SKIP.some((rule) => rule.test(file)));
const hash = createHash("sha256");
for (const file of files) {
  hash.update(file);
  hash.update("\0");
  hash.update(createHash("sha256").update(readFileSync(join(root, file))).digest());
}
const manifest = { hash: hash.digest("hex").slice(0, 16), files };
writeFileSync(join(root, "pkg", "build.json"), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`    ${root}/pkg/build.json: build ${manifest.hash}, ${files.length} files for the offline cache`);
