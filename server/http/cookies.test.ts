import { describe, expect, it } from 'vitest';
import { parseCookies, serializeCookie } from './cookies.ts';

describe('cookies', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['a=1', { a: '1' }],
    ['a=1; b=two%20words', { a: '1', b: 'two words' }],
    ['a=1; a=2', { a: '1' }],
    ['broken; c=3', { c: '3' }],
    ['d=%E0%A4%A', { d: '%E0%A4%A' }]
  ])('parses %j', (header, expected) => {
    expect(parseCookies(header)).toEqual(expected);
  });

  it('serialises strict, http-only cookies', () => {
    expect(serializeCookie('s', 'v', { httpOnly: true, secure: true, maxAge: 10 })).toBe(
      's=v; Path=/; SameSite=Strict; HttpOnly; Secure; Max-Age=10'
    );
    expect(serializeCookie('s', '', { httpOnly: false, secure: false, maxAge: 0 })).toBe(
      's=; Path=/; SameSite=Strict; Max-Age=0'
    );
  });
});
