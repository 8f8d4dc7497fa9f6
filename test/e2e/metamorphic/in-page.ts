import { build, type Plugin } from 'esbuild';
import { ROOT } from '../paths';

/**
 * The code the metamorphic tests run inside the page, bundled once per worker: the Ads Manager readers
 * exactly as test/e2e/ads-manager-readers.spec.ts bundles them, the transforms, and a reading of the
 * page in a form that can be compared (see reading.ts).
 */
const ENTRY = `
  import { findPreviews, readPreview } from './lib/ads-manager/read-preview';
  import { findStatusLists } from './lib/ads-manager/read-status-list';
  import { composedClosest } from './lib/ads-manager/composed';
  import { applyPlan, TRANSFORM_NAMES } from './test/e2e/metamorphic/transforms';
  import * as transforms from './test/e2e/metamorphic/transforms';
  window.__metamorphic = {
    read: () => ({
      lists: findStatusLists(document).map((l) => ({
        layout: l.layout, problem: l.problem,
        rows: l.rows.map((r) => ({
          name: r.name, status: r.status, reason: r.reason, notDelivering: r.notDelivering,
          // Where the flag lands (PAGE_MARKS.md): on the row element where the status cell sits in one.
          flagOnRow: r.rowElement !== null,
          inRowElement: !!composedClosest(r.statusElement, 'tr, [role="row"]', l.element),
        })),
      })),
      previews: findPreviews(document).map((el) => {
        const r = readPreview(el);
        return { rendered: r.rendered, handle: r.handle, displayName: r.displayName, avatar: r.avatar, comments: r.comments, identity: r.identity.kind, postId: r.postId };
      }),
    }),
    apply: applyPlan,
    transforms,
    names: TRANSFORM_NAMES,
  };`;

/**
 * The bundle. `plugins` may rewrite reader sources: the self-test uses that to narrow a reader on
 * purpose and check that the suite notices.
 */
export async function inPageBundle(plugins: Plugin[] = []): Promise<string> {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    plugins,
  });
  return out.outputFiles[0]!.text;
}
