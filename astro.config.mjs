// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { satteri } from '@astrojs/markdown-satteri';
import { runnableExamples } from './src/plugins/runnable-examples.ts';
import { serviceWorker } from './src/integrations/service-worker.mjs';

/**
 * Kubernetes Objects Lab: Korean at `/`, English at `/en/`. Chapters come
 * from the top-level `content/` (src/content/docs → ../../content). Every
 * ```yaml run``` / ```sh run``` block runs on the simulator at build time.
 */
export default defineConfig({
  // static files (favicon) live under src/ so the top level stays as the project fixed it
  publicDir: './src/public',
  site: 'https://k8s-objects-lab.local',
  markdown: {
    processor: satteri({ mdastPlugins: [runnableExamples()] }),
  },
  integrations: [
    starlight({
      title: { ko: '쿠버네티스 오브젝트 실습', en: 'Kubernetes Objects Lab' },
      description: 'Every YAML example runs: a Kubernetes study guide with a cluster simulator in the page.',
      defaultLocale: 'root',
      locales: {
        root: { label: '한국어', lang: 'ko' },
        en: { label: 'English', lang: 'en' },
      },
      sidebar: [{ autogenerate: { directory: '.' } }],
      components: {
        Head: './src/overrides/Head.astro',
        Footer: './src/overrides/Footer.astro',
      },
      lastUpdated: false,
      pagination: true,
    }),
    preact(),
    serviceWorker(),
  ],
  vite: {
    resolve: { preserveSymlinks: true },
  },
});
