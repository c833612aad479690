// Placeholder: the scanner app's device setup script (stores #device-config
// in IndexedDB, then opens its app_url) is written on the pwa branch. This
// file only lets the setup page's static reference resolve until then.
