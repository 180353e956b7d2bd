import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

/**
 * Chapters live in the top-level `content/` (src/content/docs is a symlink to it):
 * `content/ko/<slug>.mdx` is the default (Korean) locale served at `/<slug>/`,
 * `content/en/<slug>.mdx` is served at `/en/<slug>/`.
 */
export const collections = {
  docs: defineCollection({
    loader: docsLoader({
      generateId: ({ entry }) => {
        const id = entry.replace(/\.mdx?$/, '').replace(/^ko\//, '');
        return id === 'index' ? id : id.replace(/\/index$/, '');
      },
    }),
    schema: docsSchema(),
  }),
  // src/content/i18n/en.json: Starlight's English strings leave out the code-block texts (expressive-code's own
  // defaults are English), so an English page fell back to the default locale's Korean ones ("터미널 창",
  // "클립보드로 복사") without them.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
