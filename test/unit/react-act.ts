import { act } from 'react';

/**
 * How unit tests of React pages act as a user does. Every step runs inside act(), so React applies
 * each update before the test looks again.
 */

/** Types like a user: React sees an input (or, for a select, change) event with the new value. */
export async function type(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const proto = Object.getPrototypeOf(el) as object;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

export async function click(el: HTMLElement) {
  await act(async () => el.click());
}

/** Waits until `check` passes, letting live queries, messages and React work in between. */
export async function eventually(check: () => void): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      check();
      return;
    } catch (error) {
      if (attempt >= 200) throw error;
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    }
  }
}

/** The form control that a <label> with exactly this text (within `scope`) points at, as a user finds it. */
export function labelledField<T extends HTMLElement = HTMLInputElement>(scope: ParentNode, label: string): T {
  const found = [...scope.querySelectorAll('label')].find((l) => l.textContent === label);
  const el = found && document.getElementById(found.htmlFor);
  if (!el) throw new Error(`no field labelled "${label}"`);
  return el as T;
}
