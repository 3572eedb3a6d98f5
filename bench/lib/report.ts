/**
 * Turns benchmark outcomes into markdown tables, target verdicts and the generated part of
 * docs/benchmarks.md (between the `bench:results` markers; the rest of the page is written by
 * hand).
 */
import fs from 'node:fs';
import os from 'node:os';
import * as prettier from 'prettier';
import type { EditOutcome } from './edit-scenario.ts';
import type { Params } from './params.ts';
import type { PullOutcome } from './pull-scenario.ts';
import { SERVERS, type ServerName } from './targets.ts';

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  machine: { nproc: number; cpu: string; node: string; os: string; memGiB: number };
  /** 1-minute load average at the start and the end: a busy machine makes numbers noisy. */
  load: { start: number; end: number };
  command: string;
  params: Params;
  edit: EditOutcome[];
  pull: PullOutcome[];
  /** Servers or phases that could not run, with the reason. */
  errors: { server: string; scenario: string; error: string }[];
  targets: Target[];
  deviceStore?: string;
  /** The compaction section (bench/compaction/run.ts), markdown. */
  compaction?: string;
}

export interface Target {
  name: string;
  met: boolean | undefined;
  detail: string;
}

/** Wire bytes within this factor of the docs' encoded size count as "≈ 1.0×". */
export const BYTES_TOLERANCE = 1.1;

export function machine(): BenchResults['machine'] {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10
  };
}

const label = (name: string) => SERVERS.find((s) => s.name === name)?.label ?? name;

function fmt(value: number | undefined, digits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

function ratio(value: number | undefined, reference: number | undefined): string {
  if (value === undefined || reference === undefined || !Number.isFinite(value) || !(reference > 0))
    return '–';
  return `${(value / reference).toFixed(2)}×`;
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`)
  ].join('\n');
}

export function editTable(edit: EditOutcome[]): string {
  const ref = edit.find((e) => e.server === 'reference');
  return table(
    [
      'server',
      'persists',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'p99 vs ref',
      '95 % interval',
      'p99 per slice, median ms',
      'vs ref',
      'CPU % of a core',
      'CPU vs ref',
      'RSS idle → open (peak) MiB',
      'heap per open doc KiB',
      'edits sent',
      'lost',
      'divergent docs'
    ],
    edit.map((e) => [
      label(e.server),
      e.server === 'ours' ? 'yes' : 'no',
      fmt(e.latency.p50),
      fmt(e.latency.p95),
      fmt(e.latency.p99),
      ratio(e.latency.p99, ref?.latency.p99),
      e.p99RatioCi ? `${e.p99RatioCi.low.toFixed(2)}–${e.p99RatioCi.high.toFixed(2)}×` : '–',
      fmt(e.medianSliceP99),
      ratio(e.medianSliceP99, ref?.medianSliceP99),
      fmt(e.cpuPercent),
      ratio(e.cpuPercent, ref?.cpuPercent),
      `${fmt(e.idle.rssMiB)} → ${fmt(e.open.rssMiB)} (${fmt(e.peakRssMiB)})`,
      fmt(e.heapPerDocKiB, 0),
      String(e.sent),
      String(e.lost),
      `${e.divergent} / ${e.docs}`
    ])
  );
}

const VARIANTS: Record<PullOutcome['variant'], string> = {
  memory: 'memory',
  evicted: 'SQLite: rooms had left memory',
  restarted: 'SQLite: new process'
};

export function pullTable(pull: PullOutcome[]): string {
  const ref = pull.find((p) => p.server === 'reference');
  return table(
    [
      'server',
      'docs served from',
      'time to all synced ms (median)',
      'vs ref',
      'runs ms',
      'server CPU per pull ms (median)',
      'vs ref',
      'complete',
      'wire bytes / encoded',
      'payload / encoded',
      'RSS idle → N open MiB',
      'RSS per open doc KiB',
      'heap per open doc KiB',
      'RSS per doc, N/2 → N KiB',
      'heap per doc, N/2 → N KiB'
    ],
    pull.map((p) => [
      label(p.server),
      VARIANTS[p.variant],
      fmt(p.ms, 0),
      ratio(p.ms, ref?.ms),
      p.runs.map((r) => fmt(r, 0)).join(', '),
      fmt(p.serverCpuMs, 0),
      ratio(p.serverCpuMs, ref?.serverCpuMs),
      `${p.complete} / ${p.docs}`,
      `${fmt(p.wireBytes / p.encodedBytes, 3)}×`,
      `${fmt(p.payloadBytes / p.encodedBytes, 3)}×`,
      `${fmt(p.idle.rssMiB)} → ${fmt(p.open.rssMiB)}`,
      fmt(p.rssPerDocKiB, 0),
      fmt(p.heapPerDocKiB, 0),
      p.marginalRssPerDocKiB === undefined ? '–' : fmt(p.marginalRssPerDocKiB, 0),
      p.marginalHeapPerDocKiB === undefined ? '–' : fmt(p.marginalHeapPerDocKiB, 0)
    ])
  );
}

/** Checks the targets of issue #3 against the outcomes. */
export function evaluateTargets(edit: EditOutcome[], pull: PullOutcome[]): Target[] {
  const targets: Target[] = [];
  const e = (name: ServerName) => edit.find((x) => x.server === name);
  const ours = e('ours');
  const ref = e('reference');
  const unknown = (name: string, why: string): Target => ({ name, met: undefined, detail: why });

  const t1 = 'p99 latency ≤ the reference server’s (ours persists, it does not)';
  if (ours && ref) {
    targets.push({
      name: t1,
      met: ours.latency.p99 <= ref.latency.p99,
      detail:
        `${fmt(ours.latency.p99)} ms vs ${fmt(ref.latency.p99)} ms` +
        (ours.p99RatioCi
          ? `; ratio ${(ours.latency.p99 / ref.latency.p99).toFixed(2)}×, 95 % interval ${ours.p99RatioCi.low.toFixed(2)}–${ours.p99RatioCi.high.toFixed(2)}× (${ours.p99RatioCi.low > 1 ? 'slower beyond the run-to-run noise' : ours.p99RatioCi.high < 1 ? 'faster beyond the noise' : 'within the noise of this run'})`
          : '')
    });
    targets.push({
      name: `${t1}, as the median of the per-slice p99s (steadier on a busy machine)`,
      met: ours.medianSliceP99 <= ref.medianSliceP99,
      detail: `${fmt(ours.medianSliceP99)} ms vs ${fmt(ref.medianSliceP99)} ms`
    });
  } else targets.push(unknown(t1, 'not measured'));

  const t2 = 'RSS per open doc ≤ Hocuspocus’s (pull: N case files open, one connection each)';
  const pullOurs = pull.filter((p) => p.server === 'ours');
  const pullHocus = pull.find((p) => p.server === 'hocuspocus');
  if (pullOurs.length && pullHocus) {
    for (const p of pullOurs) {
      targets.push({
        name: `${t2} — ours ${VARIANTS[p.variant]}`,
        met: p.rssPerDocKiB <= pullHocus.rssPerDocKiB,
        detail:
          `RSS ${fmt(p.rssPerDocKiB, 0)} KiB vs ${fmt(pullHocus.rssPerDocKiB, 0)} KiB; ` +
          `JS heap ${fmt(p.heapPerDocKiB, 0)} KiB vs ${fmt(pullHocus.heapPerDocKiB, 0)} KiB`
      });
      if (p.marginalRssPerDocKiB !== undefined && pullHocus.marginalRssPerDocKiB !== undefined) {
        targets.push({
          name: `${t2} — ours ${VARIANTS[p.variant]}, counting one more open doc (N/2 → N docs), not what a server pays once`,
          met: p.marginalRssPerDocKiB <= pullHocus.marginalRssPerDocKiB,
          detail:
            `RSS ${fmt(p.marginalRssPerDocKiB, 0)} KiB vs ${fmt(pullHocus.marginalRssPerDocKiB, 0)} KiB; ` +
            `JS heap ${fmt(p.marginalHeapPerDocKiB ?? Number.NaN, 0)} KiB vs ${fmt(pullHocus.marginalHeapPerDocKiB ?? Number.NaN, 0)} KiB`
        });
      }
    }
  } else targets.push(unknown(t2, 'not measured'));

  const t3 = 'pull time ≤ the faster of the two';
  const others = pull.filter((p) => p.server !== 'ours' && p.complete === p.docs);
  if (pullOurs.length && others.length) {
    const best = Math.min(...others.map((p) => p.ms));
    const leastCpu = Math.min(...others.map((p) => p.serverCpuMs));
    for (const p of pullOurs) {
      targets.push({
        name: `${t3} — ours ${VARIANTS[p.variant]}`,
        met: p.complete === p.docs && p.ms <= best,
        detail:
          `${fmt(p.ms, 0)} ms vs ${fmt(best, 0)} ms` +
          `${p.complete === p.docs ? '' : `; only ${p.complete}/${p.docs} complete`}` +
          `; server CPU ${fmt(p.serverCpuMs, 0)} ms vs ${fmt(leastCpu, 0)} ms`
      });
    }
  } else targets.push(unknown(t3, 'not measured'));

  const t4 = `bytes on the wire ≈ 1.0× the encoded docs (≤ ${BYTES_TOLERANCE}×)`;
  if (pullOurs.length) {
    for (const p of pullOurs) {
      const r = p.wireBytes / p.encodedBytes;
      targets.push({
        name: `${t4} — ours ${VARIANTS[p.variant]}`,
        met: r <= BYTES_TOLERANCE,
        detail: `${fmt(r, 3)}×`
      });
    }
  } else targets.push(unknown(t4, 'not measured'));

  const t5 = 'no lost edits, no divergent docs (ours)';
  targets.push(
    ours
      ? {
          name: t5,
          met: ours.lost === 0 && ours.divergent === 0,
          detail: `${ours.lost} lost, ${ours.divergent} divergent`
        }
      : unknown(t5, 'not measured')
  );
  return targets;
}

function targetList(targets: Target[]): string {
  return targets
    .map(
      (t) =>
        `- ${t.met === undefined ? '❔ not measured' : t.met ? '✅ met' : '❌ not met'} — ${t.name}: ${t.detail}`
    )
    .join('\n');
}

/** The whole report as markdown: machine, parameters, both tables, targets, errors. */
export function renderReport(results: BenchResults): string {
  const p = results.params;
  const m = results.machine;
  const lines = [
    `Run ${results.startedAt} on ${m.nproc} cores (${m.cpu}), ${m.memGiB} GiB, ${m.os}, Node ${m.node}; ` +
      `load average ${fmt(results.load.start, 2)} at the start, ${fmt(results.load.end, 2)} at the end.`,
    `Command: \`${results.command}\`${p.quick ? ' (quick mode)' : ''}.`,
    '',
    `Servers: ${SERVERS.filter((s) => p.servers.includes(s.name))
      .map((s) => `**${s.label}** — ${s.persistence}`)
      .join('; ')}. Each runs in its own process; CPU and RSS are that process's (from /proc).`,
    '',
    ...(results.edit.length
      ? [
          `### Edits: ${p.docs} docs × ${p.clientsPerDoc} clients × ${p.editsPerSecond} edits/s`,
          '',
          `All servers run at once; after ${p.warmupSeconds} s of warm-up, ${p.measureSeconds} s per server are measured ` +
            `in ${p.sliceSeconds} s slices that rotate between the servers (only one server's clients edit at a time), ` +
            `so background load on a shared machine falls on all of them alike. Latency: from an edit on one client ` +
            `to its arrival on another (same process, same clock), over the edits made in measured slices. CPU: the ` +
            `server process's CPU time in its own slices (until their edits drained) per second of slice. Memory: after a ` +
            `forced full GC (over the inspector), idle with the docs made and then with the D docs and D×K ` +
            `connections open; per doc = difference / D. Lost: edits missing on some client or on the server ` +
            `${p.graceMs} ms after the last edit. Divergent: docs whose encoded state differs between its clients ` +
            `and a fresh reader.`,
          '',
          editTable(results.edit)
        ]
      : ['### Edits', '', '_not measured_']),
    '',
    ...(results.pull.length
      ? [
          `### Pull: a fresh client opens ${p.pullDocs} case files at once`,
          '',
          `Each case file: ≈ 480 small updates, ≈ 45 kB encoded (bench/lib/case-file.ts), written beforehand ` +
            `through a client that then keeps the docs open (Hocuspocus without a storage extension forgets a doc ` +
            `when its last client leaves), to every server alike as its ≈ 480 updates, one per message, so that ` +
            `our log holds the rows a real case file's would and every server's memory has seen the same writes. Time: from opening the first connection until every doc holds the complete state, ` +
            `by a client with nothing local (new Y.Docs and sockets each time); one uncounted warm-up pull per ` +
            `server, then ${p.pullRepeats} pulls each with the servers rotating; the median is shown, with ` +
            `the server process's CPU time per pull (steadier than wall time on a busy machine). Wire: TCP ` +
            `bytes the client read (HTTP upgrade + websocket framing + payload) relative to the sum of the docs' ` +
            `\`Y.encodeStateAsUpdate\` sizes. Memory per open doc: (server memory with the N docs open, one ` +
            `connection each − idle) / N, after a forced GC; and "N/2 → N", what one more doc costs: the docs ` +
            `are written in two halves, and (memory with N − with N/2) / (N/2) leaves out what a server pays ` +
            `once, whatever the number of docs. The y-websocket clients open one socket per doc; the ` +
            `Hocuspocus client multiplexes all docs over one socket, as its provider is built to. Ours is also ` +
            `pulled after its rooms left memory (a warm process loads each doc from SQLite) and after restarts ` +
            `(a new process loads them).`,
          '',
          pullTable(results.pull)
        ]
      : ['### Pull', '', '_not measured_']),
    '',
    '### Targets (issue #3)',
    '',
    targetList(results.targets)
  ];
  if (results.errors.length) {
    lines.push('', '### Could not run', '');
    for (const e of results.errors)
      lines.push(`- ${label(e.server)}, ${e.scenario}: ${e.error.split('\n')[0]}`);
  }
  return lines.join('\n');
}

const BEGIN = '<!-- bench:results:begin -->';
const END = '<!-- bench:results:end -->';
const DEVICE_BEGIN = '<!-- bench:device-store:begin -->';
const DEVICE_END = '<!-- bench:device-store:end -->';
const COMPACTION_BEGIN = '<!-- bench:compaction:begin -->';
const COMPACTION_END = '<!-- bench:compaction:end -->';

function replaceBetween(text: string, begin: string, end: string, content: string): string {
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return text;
  return `${text.slice(0, from + begin.length)}\n${content}\n${text.slice(to)}`;
}

/**
 * Writes the report into docs/benchmarks.md between its markers; the rest is left alone. The
 * page is then formatted with the project's Prettier settings, so `npm run check` stays clean.
 */
export async function updateDocs(file: string, results: BenchResults): Promise<void> {
  let text = fs.readFileSync(file, 'utf8');
  if (!text.includes(BEGIN) || !text.includes(END)) {
    throw new Error(`${file} lacks the ${BEGIN} / ${END} markers; add them where the tables belong.`);
  }
  text = replaceBetween(text, BEGIN, END, renderReport(results));
  if (results.deviceStore) text = replaceBetween(text, DEVICE_BEGIN, DEVICE_END, results.deviceStore.trim());
  if (results.compaction)
    text = replaceBetween(text, COMPACTION_BEGIN, COMPACTION_END, results.compaction.trim());
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}
