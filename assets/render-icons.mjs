// Renders assets/icon.svg to assets/icon.png (512 px) and assets/icons/<n>x<n>.png for the Linux
// packages, with the system Chromium. Run after editing the SVG: node assets/render-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const dir = path.dirname(fileURLToPath(import.meta.url));
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const render = async (size, file) => {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace(/width="512" height="512"/, `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.locator('svg').screenshot({ path: file, omitBackground: true });
  };
  fs.mkdirSync(path.join(dir, 'icons'), { recursive: true });
  await render(512, path.join(dir, 'icon.png'));
  for (const size of SIZES) await render(size, path.join(dir, 'icons', `${size}x${size}.png`));
} finally {
  await browser.close();
}
