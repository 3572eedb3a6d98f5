/**
 * The reference server: `@y/websocket-server` 0.1.1's `setupWSConnection` on a plain `ws`
 * server, documents in memory (no YPERSISTENCE), no authentication. Run as a child process by
 * bench/run.ts; prints `READY <port>` when listening on 127.0.0.1.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { exitWithParent } from './exit-with-parent.ts';

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('reference y-websocket server\n');
});
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
});
exitWithParent();
