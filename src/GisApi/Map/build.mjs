// Builds the map page (and the workspace's) into dist/: the app bundled by esbuild (maplibre-gl kept as its own ES modules, which load their
// worker from beside themselves), MapLibre's files copied from node_modules, the page and its styles. No CDN at run time.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const out = 'dist';
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/vendor`, { recursive: true });
for (const file of ['maplibre-gl.mjs', 'maplibre-gl-shared.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl.css']) {
  cpSync(`node_modules/maplibre-gl/dist/${file}`, `${out}/vendor/${file}`);
}
cpSync('src/index.html', `${out}/index.html`);
cpSync('src/style.css', `${out}/style.css`);
// The planner's workspace, served at /workspace: its own page and bundle, sharing the map's modules.
cpSync('src/workspace/workspace.html', `${out}/workspace.html`);
cpSync('src/workspace/workspace.css', `${out}/workspace.css`);
await build({
  entryPoints: { app: 'src/main.js', workspace: 'src/workspace/main.js' },
  bundle: true,
  format: 'esm',
  minify: process.env.MAP_DEBUG !== "1",
  sourcemap: true,
  target: 'es2022',
  external: ['/map/vendor/*'],
  outdir: out,
  logLevel: 'warning',
});
