// The end of a device's set-up (the page answering the set-up code's
// confirmation): keep the device's token and event in IndexedDB, then open
// the device's scanner. store.js is loaded from beside this script, so
// that the set-up page needs only this one.
(function () {
  "use strict";

  const element = document.getElementById("device-config");
  if (!element) return;
  const config = JSON.parse(element.textContent);
  // Read now: document.currentScript is only set while this script runs.
  const storeUrl = new URL("store.js", document.currentScript.src).href;

  function loadStore() {
    return new Promise((resolve, reject) => {
      if (window.CheckinApp && window.CheckinApp.store) return resolve(window.CheckinApp.store);
      const script = document.createElement("script");
      script.src = storeUrl;
      script.onload = () => resolve(window.CheckinApp.store);
      script.onerror = reject;
      document.head.append(script);
    });
  }

  async function keep() {
    const store = await loadStore();
    await store.put("config", {
      name: "device-config",
      token: config.token,
      event: Number(config.event),
      event_title: config.event_title || "",
      app_url: config.app_url,
      set_up_at: new Date().toISOString(),
    });
    location.replace(config.app_url);
  }

  keep();
})();
