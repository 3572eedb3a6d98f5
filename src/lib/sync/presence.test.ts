import { describe, expect, it } from 'vitest';
import {
  PRESENCE_PALETTE,
  awarenessUser,
  colorFor,
  initialsOf,
  presentUsers,
  MAX_PRESENCE_NAME
} from './presence.ts';

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('presence colours', () => {
  it.each(PRESENCE_PALETTE.map((c) => [c]))('%s meets AA on white and dark backgrounds', (c) => {
    expect(contrast(c, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    // The dark theme's background and header (src/lib/ui/styles/tokens.css), and black.
    for (const dark of ['#121719', '#1b2225', '#000000']) expect(contrast(c, dark)).toBeGreaterThanOrEqual(3);
  });

  it('gives a user the same colour every time, spread over the palette', () => {
    expect(colorFor('0192f0e0-aaaa-7bbb-8ccc-000000000001')).toBe(
      colorFor('0192f0e0-aaaa-7bbb-8ccc-000000000001')
    );
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorFor(`user-${i}`)));
    expect(used.size).toBeGreaterThanOrEqual(PRESENCE_PALETTE.length - 1);
  });
});

describe('presence users', () => {
  it('makes initials from the first and last word', () => {
    expect(initialsOf('anna-liisa Virtanen')).toBe('AV');
    expect(initialsOf('  Öljy  ')).toBe('Ö');
    expect(initialsOf('Matti Olavi Meikäläinen')).toBe('MM');
    expect(initialsOf('')).toBe('?');
    expect(initialsOf('Olli Ohjaaja (demo)')).toBe('OO');
    expect(initialsOf('(demo)')).toBe('?');
  });

  it('publishes a colour derived from the id and a bounded name', () => {
    const u = awarenessUser({ id: 'u1', name: 'x'.repeat(200) });
    expect(u).toEqual({ id: 'u1', name: 'x'.repeat(MAX_PRESENCE_NAME), color: colorFor('u1') });
  });

  it('merges connections of one user, puts self first, sorts the others by name', () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: 'me', name: 'Minä Itse' } }],
      [2, { user: { id: 'b', name: 'Öhman Otto' } }],
      [3, { user: { id: 'a', name: 'Aalto Aino', color: '#ffffff' } }],
      [4, { user: { id: 'b', name: 'Öhman Otto' } }]
    ]);
    const users = presentUsers(states, 1);
    expect(users.map((u) => [u.name, u.self, u.connections])).toEqual([
      ['Minä Itse', true, 1],
      ['Aalto Aino', false, 1],
      ['Öhman Otto', false, 2]
    ]);
    // The colour is ours to choose, not the peer's.
    expect(users[1]?.color).toBe(colorFor('a'));
  });

  it('skips states without a usable user and cuts long names', () => {
    const states = new Map<number, unknown>([
      [1, null],
      [2, { cursor: {} }],
      [3, { user: { name: 42 } }],
      [4, { user: { name: '   ' } }],
      [5, { user: { name: 'y'.repeat(500) } }]
    ]);
    const users = presentUsers(states, 99);
    expect(users).toHaveLength(1);
    expect(users[0]?.name).toHaveLength(MAX_PRESENCE_NAME);
    expect(users[0]?.id).toBe('client:5');
  });
});
