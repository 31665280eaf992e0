// The event WebSockets (/api/events): every query event goes to every open socket. The server
// never expects a message from a client; a malformed frame (reserved opcode, unmasked, too
// long, bad close code, invalid UTF-8) is answered by `ws` with the close code the RFC names
// (1002, 1007, 1009) once an 'error' listener exists. Without one, `ws` emitting 'error' threw
// out of the socket and ended the whole process, and every query in it.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { PageQueries } from './page-queries.ts';

/** The close code sent when the socket's session ends; the web client then reloads the page. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

interface Owner {
  sessionKey: string;
  pageKey: string | null;
}

export class EventSockets {
  // The client sends nothing but control frames: a small maxPayload refuses big frames early.
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, clientTracking: false, perMessageDeflate: false });
  private readonly sockets = new Map<WebSocket, Owner>();

  constructor(private readonly pages: PageQueries) {}

  /** After the guard allowed the upgrade: completes the handshake (or `ws` answers 400 to a malformed one). */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer, owner: Owner): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.sockets.set(ws, owner);
      if (owner.pageKey) this.pages.socketOpened(owner.pageKey);
      ws.on('error', () => undefined); // `ws` has already sent the close frame and ends the socket
      ws.on('message', () => ws.close(1008, 'Este canal só envia eventos'));
      ws.on('close', () => {
        this.sockets.delete(ws);
        if (owner.pageKey) this.pages.socketClosed(owner.pageKey);
      });
    });
  }

  broadcast(message: string | Uint8Array): void {
    for (const ws of this.sockets.keys()) if (ws.readyState === WebSocket.OPEN) ws.send(message);
  }

  /** Closes the sockets whose session ended (idle or too old). */
  closeEndedSessions(isLive: (sessionKey: string) => boolean): void {
    for (const [ws, owner] of this.sockets) if (!isLive(owner.sessionKey)) ws.close(SESSION_ENDED_CLOSE_CODE, 'Sessão encerrada');
  }

  get size(): number {
    return this.sockets.size;
  }

  close(): void {
    for (const ws of this.sockets.keys()) ws.terminate();
    this.sockets.clear();
    this.wss.close();
  }
}
