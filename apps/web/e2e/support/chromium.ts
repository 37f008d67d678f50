/** Debian's Chromium (`apt-get install chromium`): a browser download cannot work on this machine. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags for a headless, quiet, throw-away browser (each launch gets a fresh user-data-dir). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
