import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

/**
 * A reader narrowed back on purpose, for the suite's self-test: the composed-tree walk stops seeing
 * open shadow roots (as the readers did before they learned to look inside them). The rewrite must
 * find the code it narrows, so a change to composed.ts cannot quietly turn the self-test into a no-op.
 */
export const blindToShadowRoots: Plugin = {
  name: 'blind-to-shadow-roots',
  setup(build) {
    build.onLoad({ filter: /lib[\\/]ads-manager[\\/]composed\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const narrowed = source.replaceAll('const shadow = node.shadowRoot;', 'const shadow = null as ShadowRoot | null;');
      if (narrowed === source) throw new Error('composed.ts no longer reads shadow roots where the self-test narrows it: update narrowed.ts');
      return { contents: narrowed, loader: 'ts' };
    });
  },
};
