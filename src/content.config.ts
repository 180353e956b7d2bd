import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

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
};
