import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless. The flags keep it from calling home: this machine's network is
 * closed and every refused connection costs time.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.UCANPAY_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
