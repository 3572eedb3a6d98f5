/**
 * Ends a bench child process when the benchmark asks (SIGTERM) or disappears (IPC channel
 * closed), with `process.exit` so that `--cpu-prof` still writes its profile.
 */
export function exitWithParent(): void {
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}
