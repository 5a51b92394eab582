import fs from 'node:fs';

/*
 * Which process of a `BEACON_WORKERS` cluster holds the server end of a loopback TCP
 * connection, read from /proc (Linux): the connection's socket inode in /proc/net/tcp*, then
 * the worker whose file descriptors include that socket.
 */

/** The child processes of `pid` (a cluster primary's workers). */
export function childPids(pid: number): number[] {
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text === '' ? [] : text.split(/\s+/).map(Number);
  } catch {
    return [];
  }
}

/** The inode of the server-side socket on `serverPort` whose peer is `clientPort`. */
function serverSocketInode(serverPort: number, clientPort: number): string | undefined {
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = fs.readFileSync(table, 'utf8').split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      const local = Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
      const remote = Number.parseInt(fields[2]?.split(':')[1] ?? '', 16);
      // State 01: established (a closed connection of the same ports may linger, inode 0).
      if (local === serverPort && remote === clientPort && fields[3] === '01') return fields[9];
    }
  }
  return undefined;
}

/** The pid among `pids` that holds the server end of the connection from `clientPort`. */
export function workerOfConnection(pids: readonly number[], serverPort: number, clientPort: number): number {
  const inode = serverSocketInode(serverPort, clientPort);
  if (inode === undefined) throw new Error(`no server socket for client port ${clientPort}`);
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      const target = (() => {
        try {
          return fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          return '';
        }
      })();
      if (target === `socket:[${inode}]`) return pid;
    }
  }
  throw new Error(`no worker holds socket ${inode}`);
}
