// Where the audit log's syslog copy goes (`auditoria_syslog` in mirante.yaml): TCP or UDP to a
// host and port (IPv6 without its brackets), or the local unix socket by its absolute path; any
// other address is refused with what to write instead.
import { describe, expect, it } from 'vitest';
import { parseSyslogTarget } from '../../main/core/privacy/audit-syslog-target.ts';

function refusalOf(url: string): string {
  try {
    parseSyslogTarget(url);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${url} was accepted`);
}

describe('the syslog target of mirante.yaml', () => {
  it('takes TCP and UDP with host and port, and the unix socket by its path', () => {
    expect(parseSyslogTarget('tcp://127.0.0.1:6514')).toEqual({ transport: 'tcp', host: '127.0.0.1', port: 6514, url: 'tcp://127.0.0.1:6514' });
    expect(parseSyslogTarget('udp://coletor.prefeitura.local:514')).toEqual({ transport: 'udp', host: 'coletor.prefeitura.local', port: 514, url: 'udp://coletor.prefeitura.local:514' });
    expect(parseSyslogTarget('tcp://[::1]:6514')).toEqual({ transport: 'tcp', host: '::1', port: 6514, url: 'tcp://[::1]:6514' });
    expect(parseSyslogTarget('unix:///dev/log')).toEqual({ transport: 'unix', path: '/dev/log', url: 'unix:///dev/log' });
    expect(parseSyslogTarget('unix:///run/sys%20log/socket')).toEqual({ transport: 'unix', path: '/run/sys log/socket', url: 'unix:///run/sys%20log/socket' });
  });

  it('refuses what is no address, another transport, a unix socket with a host, and TCP or UDP without host or port', () => {
    expect(refusalOf('127.0.0.1:514 ')).toBe('endereço de syslog inválido "127.0.0.1:514 " (use tcp://host:porta, udp://host:porta ou unix:///caminho)');
    expect(refusalOf('coletor')).toBe('endereço de syslog inválido "coletor" (use tcp://host:porta, udp://host:porta ou unix:///caminho)');
    expect(refusalOf('http://coletor:514')).toBe('syslog: transporte "http" não suportado (use tcp, udp ou unix)');
    expect(refusalOf('unix://dev/log')).toBe('syslog unix: use unix:///caminho/do/socket (três barras), não "unix://dev/log"');
    expect(refusalOf('unix:run/log')).toBe('syslog unix: use unix:///caminho/do/socket (três barras), não "unix:run/log"');
    expect(refusalOf('tcp://coletor')).toBe('syslog: informe host e porta, como tcp://127.0.0.1:6514 (veio "tcp://coletor")');
    expect(refusalOf('udp://coletor:0')).toBe('syslog: informe host e porta, como udp://127.0.0.1:6514 (veio "udp://coletor:0")');
    expect(refusalOf('tcp://:514')).toBe('endereço de syslog inválido "tcp://:514" (use tcp://host:porta, udp://host:porta ou unix:///caminho)');
  });
});
