import { describe, expect, it } from 'vitest';
import { redirectFor, safeNext, type RouteInput } from './routing.ts';
import { areasFor, canOpen, homePath } from './navigation.ts';

const base: RouteInput = {
  phase: 'ready',
  pathname: '/',
  next: null,
  role: 'worker',
  onboarding: false,
  rememberPlace: true
};

describe('redirectFor', () => {
  it.each<[Partial<RouteInput>, string | null]>([
    [{ phase: 'loading', pathname: '/groups' }, null],
    [{ phase: 'unreachable', pathname: '/groups' }, null],
    [{ phase: 'setup', pathname: '/' }, '/setup'],
    [{ phase: 'setup', pathname: '/login' }, '/setup'],
    [{ phase: 'setup', pathname: '/setup' }, null],
    [{ phase: 'anonymous', pathname: '/' }, '/login'],
    [{ phase: 'anonymous', pathname: '/setup' }, '/login'],
    [{ phase: 'anonymous', pathname: '/groups' }, '/login?next=%2Fgroups'],
    [{ phase: 'anonymous', pathname: '/groups', rememberPlace: false }, '/login'],
    [{ phase: 'anonymous', pathname: '/login' }, null],
    [{ phase: 'must-change-password', pathname: '/groups' }, '/change-password'],
    [{ phase: 'must-change-password', pathname: '/change-password' }, null],
    [{ pathname: '/' }, null],
    [{ pathname: '/', role: 'expert' }, null],
    [{ pathname: '/login' }, '/'],
    [{ pathname: '/login', next: '/groups' }, '/groups'],
    [{ pathname: '/login', next: '/admin' }, '/'],
    [{ pathname: '/login', next: '//evil.example' }, '/'],
    [{ pathname: '/change-password' }, '/'],
    [{ pathname: '/setup' }, '/'],
    [{ pathname: '/setup', onboarding: true, role: 'admin' }, null],
    [{ pathname: '/', role: 'admin' }, '/admin'],
    [{ pathname: '/groups' }, null],
    [{ pathname: '/admin' }, null]
  ])('%j → %s', (input, expected) => {
    expect(redirectFor({ ...base, ...input })).toBe(expected);
  });
});

describe('navigation by role', () => {
  it('shows staff the work areas, the coordinator reports, and only admins Admin', () => {
    expect(areasFor('worker').map((a) => a.id)).toEqual(['home', 'participants', 'groups', 'outreach']);
    expect(areasFor('expert').map((a) => a.id)).toEqual(['home', 'participants', 'groups', 'outreach']);
    expect(areasFor('coordinator').map((a) => a.id)).toEqual([
      'home',
      'participants',
      'groups',
      'outreach',
      'reports'
    ]);
    expect(areasFor('admin').map((a) => a.id)).toEqual(['admin']);
    expect(homePath('admin')).toBe('/admin');
    expect(homePath('worker')).toBe('/');
    expect(canOpen('admin', '/')).toBe(false);
    expect(canOpen('worker', '/admin/sessions')).toBe(false);
    expect(canOpen('worker', '/settings')).toBe(true);
    expect(canOpen('worker', '/administrator')).toBe(true);
  });

  it('accepts only same-origin paths as next', () => {
    expect(safeNext('/groups?x=1')).toBe('/groups?x=1');
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
