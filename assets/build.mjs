// Copies the vendored browser files into consortia/static/consortia/ (the CSS is built
// by `sass` in the npm "build" script). Kept dependency-free and
// deterministic: the same node_modules always give byte-identical output,
// because CI rebuilds the assets and fails if they differ from the commit.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "consortia", "static", "consortia");

function version(pkg) {
  return JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")).version;
}

// Copy a minified script, dropping its sourceMappingURL (we do not ship the
// maps, so browsers would request a missing file) and adding a licence banner.
function copyScript(from, to, banner) {
  const source = readFileSync(join(root, from), "utf8")
    .replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
  writeFileSync(join(out, to), `${banner}\n${source.endsWith("\n") ? source : source + "\n"}`);
}

mkdirSync(join(out, "images"), { recursive: true });

copyScript(
  "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js",
  "govuk-frontend.min.js",
  `/*! govuk-frontend ${version("govuk-frontend")} | MIT License | (c) Crown copyright | https://github.com/alphagov/govuk-frontend */`,
);
copyScript(
  "node_modules/htmx.org/dist/htmx.min.js",
  "htmx.min.js",
  `/*! htmx.org ${version("htmx.org")} | 0BSD License | https://htmx.org */`,
);

// Our own images (favicon). GOV.UK's images are the crown and crest, which
// only GOV.UK may use, so none of them is copied.
for (const name of readdirSync(join(root, "assets", "images")).sort()) {
  copyFileSync(join(root, "assets", "images", name), join(out, "images", name));
}
