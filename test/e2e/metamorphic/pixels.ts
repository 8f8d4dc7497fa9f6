import type { Page } from '@playwright/test';

/**
 * The share of pixels that differ between two PNG screenshots of the same size (1 when the sizes
 * differ), measured by decoding both in the browser: no image library needed.
 */
export async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([pa, pb]) => {
      const decode = async (b64: string): Promise<ImageData> => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = await Promise.all([decode(pa), decode(pb)]);
      if (x.width !== y.width || x.height !== y.height) return 1;
      let differ = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        if (
          Math.abs(x.data[i]! - y.data[i]!) > 24 ||
          Math.abs(x.data[i + 1]! - y.data[i + 1]!) > 24 ||
          Math.abs(x.data[i + 2]! - y.data[i + 2]!) > 24
        ) differ++;
      }
      return differ / (x.width * x.height);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}
