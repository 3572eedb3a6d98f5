/**
 * Renders the app icon (static/favicon.svg) into the PNG sizes that install prompts and home
 * screens need, using Debian's Chromium. Run after changing the icon:
 *   npx tsx scripts/make-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..');
const svg = fs.readFileSync(path.join(ROOT, 'static/favicon.svg'), 'utf8');
const OUT = path.join(ROOT, 'static/icons');

/** `maskable` icons keep the artwork inside the 80 % safe zone on a full-bleed background. */
const ICONS = [
  { name: 'icon-192.png', size: 192, maskable: false },
  { name: 'icon-512.png', size: 512, maskable: false },
  { name: 'icon-maskable-192.png', size: 192, maskable: true },
  { name: 'icon-maskable-512.png', size: 512, maskable: true },
  { name: 'apple-touch-icon-180.png', size: 180, maskable: true }
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
});
try {
  fs.mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage();
  for (const icon of ICONS) {
    const inner = icon.maskable ? Math.round(icon.size * 0.8) : icon.size;
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(
      `<html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center;background:${icon.maskable ? '#1f5f5b' : 'transparent'}">
        <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div>
      </body></html>`
    );
    await page.screenshot({ path: path.join(OUT, icon.name), omitBackground: !icon.maskable });
    process.stdout.write(`wrote static/icons/${icon.name}\n`);
  }
} finally {
  await browser.close();
}
