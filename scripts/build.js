/**
 * `npm run build` (and the first step of `npm start` and `npm run start:api`): bundles each
 * server entry point with esbuild into plain JavaScript that `node` runs without a transpiler.
 * Our workspace packages are bundled in; npm packages stay imports of node_modules. Plain
 * JavaScript because it runs before anything is compiled. The web app is built by `next build`.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Source → output, relative to the repository root. */
const ENTRY_POINTS = {
  "apps/api/src/server.ts": "apps/api/dist/server.js",
  "scripts/start.ts": "scripts/dist/start.js",
  "scripts/migrate.ts": "scripts/dist/migrate.js",
};

/** Bundles our own code; every other bare import (npm packages, `node:`) is loaded at run time. */
const externalPackages = {
  name: "external-packages",
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@todo/") ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Modules find files next to their sources (`.data/`, the migrations) from `import.meta.url`;
 * in a bundle that would be the bundle's URL, so each module keeps its own source's URL.
 */
const sourceUrls = {
  name: "source-urls",
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      return {
        contents: source.replaceAll(
          "import.meta.url",
          JSON.stringify(pathToFileURL(args.path).href),
        ),
        loader: "ts",
      };
    });
  },
};

await Promise.all(
  Object.entries(ENTRY_POINTS).map(([entry, output]) =>
    build({
      entryPoints: [join(ROOT, entry)],
      outfile: join(ROOT, output),
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20.19",
      sourcemap: "linked",
      logLevel: "warning",
      plugins: [externalPackages, sourceUrls],
    }),
  ),
);
