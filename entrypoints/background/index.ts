import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openDb } from '../../lib/db/schema';
import { isNextDueAlarm } from './alarms';
import { registerCodeHandlers } from './handlers';
import { openCodeFromNotification } from './notifications';
import { registerOverlayHandlers } from './overlay-handlers';
import { createReconciler } from './reconcile';
import { registerTransferHandlers } from './transfer-handlers';
import { registerWorkflowHandlers } from './workflow-handlers';

/**
 * Wiring only. Chrome may stop this worker at any time and start it again for an event, so every
 * listener is registered synchronously here and everything else lives in what main() creates.
 */
export default defineBackground({
  type: 'module',
  main() {
    const db = openDb();
    const reconcile = createReconciler({ db, api: browser });

    // Messages: one register call per feature.
    registerCodeHandlers({ db, reconcile });
    registerOverlayHandlers({ db });
    registerTransferHandlers({ db, reconcile });
    registerWorkflowHandlers({ db });

    // Listeners hand back their promise: Chrome ignores it, tests can wait for it.
    browser.runtime.onInstalled.addListener(() => reconcile());
    browser.runtime.onStartup.addListener(() => reconcile());
    browser.alarms.onAlarm.addListener((alarm) => (isNextDueAlarm(alarm) ? reconcile() : undefined));
    browser.notifications.onClicked.addListener((id) =>
      openCodeFromNotification(browser, id).catch((error: unknown) =>
        console.error('Spark Guard could not open the code for that reminder', error),
      ),
    );

    // Every start of the worker catches up on anything that fell due while it was stopped.
    void reconcile();
  },
});
