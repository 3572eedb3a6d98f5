/**
 * Accessibility checks: an axe scan (WCAG 2.0/2.1 A and AA) of the page as it is now, in the
 * light and in the dark colour scheme. Call it on every page and dialog a test reaches.
 *
 * The dark scheme changes colours only (one media query over the same DOM), so the dark pass
 * runs the rules that depend on colour; the light pass runs them all. This halves the cost of
 * the scans, which dominate the e2e time.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The axe rules (within AXE_TAGS) whose outcome depends on colours. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function scan(page: Page, scheme: 'light' | 'dark'): Promise<string[]> {
  await page.emulateMedia({ colorScheme: scheme });
  // Colours may transition after the switch: scan the settled page, not a blend of both.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  // Legacy mode runs axe in one pass in the page; the default opens an extra page per scan,
  // which costs about a second each and we have no cross-origin frames that would need it.
  const builder = new AxeBuilder({ page }).setLegacyMode(true);
  const results = await (
    scheme === 'light' ? builder.withTags(AXE_TAGS) : builder.withRules(COLOUR_RULES)
  ).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`)
        .join('\n')
  );
}

/** Fails with the list of violations if axe finds any, in light or dark. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  const light = await scan(page, 'light');
  const dark = await scan(page, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(light, `axe violations (light) on ${label}`).toEqual([]);
  expect(dark, `axe violations (dark) on ${label}`).toEqual([]);
}
