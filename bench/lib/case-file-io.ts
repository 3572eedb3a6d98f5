/**
 * Case files on disk for the sync benchmark: built once by the orchestrator, read by every
 * seeding client (Node only; case-file.ts itself stays pure for the browser benchmark).
 */
import fs from 'node:fs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { buildCaseFile, type CaseFile } from './case-file.ts';

/**
 * Writes case files 0…n−1 to one binary file (lib0 encoding: per file its updates, then its
 * encoded state), so that the seeding clients of every server share one build.
 */
export function writeCaseFiles(file: string, n: number): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, n);
  for (let i = 0; i < n; i++) {
    const caseFile = buildCaseFile(i);
    encoding.writeVarUint(encoder, caseFile.updates.length);
    for (const update of caseFile.updates) encoding.writeVarUint8Array(encoder, update);
    encoding.writeVarUint8Array(encoder, caseFile.encoded);
    encoding.writeVarUint8Array(encoder, caseFile.stateVector);
  }
  fs.writeFileSync(file, encoding.toUint8Array(encoder));
}

/** Reads what {@link writeCaseFiles} wrote. */
export function readCaseFiles(file: string): CaseFile[] {
  const decoder = decoding.createDecoder(new Uint8Array(fs.readFileSync(file)));
  const files: CaseFile[] = [];
  const n = decoding.readVarUint(decoder);
  for (let i = 0; i < n; i++) {
    const count = decoding.readVarUint(decoder);
    const updates: Uint8Array[] = [];
    for (let u = 0; u < count; u++) updates.push(decoding.readVarUint8Array(decoder));
    const encoded = decoding.readVarUint8Array(decoder);
    files.push({
      updates,
      encoded,
      encodedSize: encoded.length,
      stateVector: decoding.readVarUint8Array(decoder)
    });
  }
  return files;
}
