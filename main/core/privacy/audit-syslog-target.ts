// Where the syslog copy of the audit log goes, as written in mirante.yaml:
//   auditoria_syslog: tcp://127.0.0.1:6514    RFC 5424 over TCP, RFC 6587 octet counting
//   auditoria_syslog: udp://10.0.0.5:514      one datagram per entry (delivery unconfirmed)
//   auditoria_syslog: unix:///dev/log         the local syslog socket, through logger(1)

export type SyslogTarget =
  | { transport: 'tcp' | 'udp'; host: string; port: number; url: string }
  | { transport: 'unix'; path: string; url: string };

export function parseSyslogTarget(url: string): SyslogTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`endereço de syslog inválido ${JSON.stringify(url)} (use tcp://host:porta, udp://host:porta ou unix:///caminho)`);
  }
  const transport = parsed.protocol.replace(/:$/, '');
  if (transport === 'unix') {
    const socket = decodeURIComponent(parsed.pathname);
    if (parsed.host !== '' || !socket.startsWith('/')) throw new Error(`syslog unix: use unix:///caminho/do/socket (três barras), não ${JSON.stringify(url)}`);
    return { transport, path: socket, url };
  }
  if (transport !== 'tcp' && transport !== 'udp') throw new Error(`syslog: transporte ${JSON.stringify(transport)} não suportado (use tcp, udp ou unix)`);
  const port = Number(parsed.port);
  if (parsed.hostname === '' || !Number.isInteger(port) || port <= 0) throw new Error(`syslog: informe host e porta, como ${transport}://127.0.0.1:6514 (veio ${JSON.stringify(url)})`);
  return { transport, host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port, url };
}
