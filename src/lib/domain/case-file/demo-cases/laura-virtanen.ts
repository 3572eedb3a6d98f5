/**
 * Demo case 6, Laura Virtanen (fictional): TP1, contacted through social media; consent given,
 * the work not started yet.
 */
import type { DemoCaseScript } from '../demo-script.ts';

/** Laura's case: only contacted, with a first meeting tomorrow. */
export const LAURA_VIRTANEN: DemoCaseScript = {
  team: { workers: ['worker2'], experts: ['expert2'] },
  actions: [
    {
      do: 'create',
      by: 'expert2',
      day: -4,
      displayName: 'Laura Virtanen (demo)',
      workPackages: ['TP1'],
      reachedVia: 'social-media',
      consent: { day: -4, privacyNoticeVersion: '2025-1', method: 'electronic' }
    },
    {
      do: 'meeting',
      day: 1,
      time: '11:00',
      kind: 'one-to-one',
      place: 'Kohtaamispaikka',
      staff: ['worker2', 'expert2']
    }
  ]
};
