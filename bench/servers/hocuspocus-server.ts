/**
 * Hocuspocus (`@hocuspocus/server` 4.x) with no extensions: documents in memory, no
 * authentication, its default debounce. Run as a child process by bench/run.ts; prints
 * `READY <port>` when listening on 127.0.0.1.
 */
import { Server } from '@hocuspocus/server';
import { exitWithParent } from './exit-with-parent.ts';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false });
await server.listen();
const address = server.httpServer.address();
process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
exitWithParent();
