// The mini-program: on launch, the store (ext config) and its runtime, the published settings
// (theme, tab bar) and a silent sign-in, so the first action that needs a session has one.
import { getRuntime } from "./core/runtime.ts";
import { loadSettings } from "./core/store-settings.ts";

App({
  onLaunch() {
    const runtime = getRuntime();
    void loadSettings(runtime);
    runtime.session.ensure().catch(() => {
      // Browsing needs no session; whatever needs one signs in again (and says so if it fails).
    });
  },
});
