import { vi } from 'vitest';

/**
 * What `work` logged with console.error (each call's arguments), kept off the test output: tests of
 * failures check that a failure was logged, once, without printing it.
 */
export async function consoleErrorsDuring(work: () => Promise<unknown>): Promise<unknown[][]> {
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await work();
    return [...error.mock.calls];
  } finally {
    error.mockRestore();
  }
}
