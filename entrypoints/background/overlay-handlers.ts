import type { z } from 'zod';
import { linkRow, overlayLedger, recordLayoutHealth, recordListScan, unlinkRow } from '../../lib/db/overlay-repo';
import type { SparkGuardDb } from '../../lib/db/schema';
import { describeInvalid, layoutHealthSchema, linkRowSchema, listScanSchema, overlayLedgerSchema, unlinkRowSchema } from '../../lib/messaging/schemas';
import { onMessage, type Failure } from '../../lib/messaging/protocol';

/**
 * The background's answers to the Ads Manager overlay. Every payload is parsed first: the page the
 * content script reads is not ours, so a malformed report is refused and stored data stays as it was.
 * The content script never opens IndexedDB (there it would be the page's storage); it asks here.
 */

function parsed<S extends z.ZodType>(schema: S, data: unknown): { ok: true; value: z.output<S> } | Failure {
  const result = schema.safeParse(data);
  return result.success ? { ok: true, value: result.data } : { ok: false, field: null, message: describeInvalid(result.error) };
}

/** Registers the overlay's handlers synchronously; returns a function that removes them. */
export function registerOverlayHandlers({ db, now = Date.now }: { db: SparkGuardDb; now?: () => number }): () => void {
  const off = [
    onMessage('overlayLedger', async ({ data }) => {
      const input = parsed(overlayLedgerSchema, data);
      return input.ok ? overlayLedger(db, input.value.adAccountId) : input;
    }),
    onMessage('reportListScan', async ({ data }) => {
      const input = parsed(listScanSchema, data);
      return input.ok ? recordListScan(db, input.value) : input;
    }),
    onMessage('reportLayoutHealth', async ({ data }) => {
      const input = parsed(layoutHealthSchema, data);
      return input.ok ? recordLayoutHealth(db, input.value) : input;
    }),
    onMessage('linkRow', async ({ data }) => {
      const input = parsed(linkRowSchema, data);
      return input.ok ? linkRow(db, input.value, now()) : input;
    }),
    onMessage('unlinkRow', async ({ data }) => {
      const input = parsed(unlinkRowSchema, data);
      return input.ok ? unlinkRow(db, input.value) : input;
    }),
  ];
  return () => off.forEach((remove) => remove());
}
