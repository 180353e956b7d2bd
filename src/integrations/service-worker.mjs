/**
 * Offline support: after `astro build`, precache the whole site (pages,
 * scripts, styles, fonts shipped by Starlight, the Pagefind index) with a
 * Workbox-generated service worker at /sw.js. Pagefind fetches its files with
 * a `?ts=` cache-buster, which is ignored for matching.
 */
import { generateSW } from 'workbox-build';
import { fileURLToPath } from 'node:url';

export function serviceWorker() {
  return {
    name: 'k8s-lab-service-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW({
          globDirectory: root,
          globPatterns: ['**/*.{html,js,css,json,svg,png,ico,woff2,txt,webmanifest,pf_meta,pf_index,pf_fragment,pagefind,wasm}', 'pagefind/**/*'],
          swDest: `${root}/sw.js`,
          clientsClaim: true,
          skipWaiting: true,
          navigateFallback: null,
          ignoreURLParametersMatching: [/^ts$/, /^utm_/],
          maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
          directoryIndex: 'index.html',
          inlineWorkboxRuntime: true,
          sourcemap: false,
          mode: 'production',
        });
        for (const w of warnings) logger.warn(w);
        logger.info(`service worker: ${count} files precached (${Math.round(size / 1024)} KiB)`);
      },
    },
  };
}
