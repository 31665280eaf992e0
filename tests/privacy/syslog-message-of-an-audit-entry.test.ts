// The syslog copy of one audit entry, byte for byte: RFC 5424 with facility authpriv and
// severity info (<86>), version 1, the time in ISO-8601 UTC, the host, APP-NAME mirante, the
// pid, MSGID auditoria, no structured data, and one line of pure-ASCII JSON holding the origin
// and the entry; over TCP each message framed by its length in bytes (RFC 6587).
import { describe, expect, it } from 'vitest';
import type { SealedAuditEntry } from '../../main/core/privacy/audit-chain.ts';
import { copyBody, octetFrame, rfc5424, syslogHostname } from '../../main/core/privacy/audit-syslog-message.ts';

const ENTRY = {
  seq: 7,
  time: '2026-12-02T03:00:00.000Z',
  user: 'joão',
  role: 'analista',
  action: 'open_snapshot',
  snapshot: '2026-10-31',
  prev: '0'.repeat(64),
  hash: 'a'.repeat(64),
  mac: 'b'.repeat(64),
} as unknown as SealedAuditEntry;

describe('the syslog message of an audit entry', () => {
  it('is RFC 5424 with authpriv.info, mirante, the pid and MSGID auditoria', () => {
    const message = rfc5424('{"x":1}', { host: 'servidor', pid: 4242, time: new Date('2026-12-02T03:04:05.678Z') });
    expect(message).toBe('<86>1 2026-12-02T03:04:05.678Z servidor mirante 4242 auditoria - {"x":1}');
    const now = rfc5424('corpo', { host: 'h', pid: 1 });
    const time = /^<86>1 (\S+) h mirante 1 auditoria - corpo$/.exec(now)?.[1] as string;
    expect(Math.abs(Date.parse(time) - Date.now())).toBeLessThan(5000);
  });

  it('carries the origin and the whole entry as ASCII JSON, every other character escaped', () => {
    const body = copyBody({ host: 'servidor', log: '/var/log/mirante/auditoria.jsonl', chave: '0123456789abcdef' }, ENTRY);
    expect(body).toMatch(/^[\x20-\x7e]+$/);
    expect(body).toContain('"user":"jo\\u00e3o"');
    expect(body.startsWith('{"registro":{"host":"servidor","log":"/var/log/mirante/auditoria.jsonl","chave":"0123456789abcdef"},"entrada":{"seq":7,')).toBe(true);
    expect(JSON.parse(body)).toEqual({ registro: { host: 'servidor', log: '/var/log/mirante/auditoria.jsonl', chave: '0123456789abcdef' }, entrada: ENTRY });
    // DEL (0x7f) and any character past ASCII are escaped too.
    const odd = copyBody({ host: 'h', log: 'l', chave: 'c' }, { ...ENTRY, user: 'a\u007fb€' } as SealedAuditEntry);
    expect(odd).toContain('"user":"a\\u007fb\\u20ac"');
  });

  it('names the host in printable ASCII without spaces, at most 255 characters, or "-"', () => {
    expect(syslogHostname('servidor-01.prefeitura')).toBe('servidor-01.prefeitura');
    expect(syslogHostname('são paulo\t1')).toBe('sopaulo1');
    expect(syslogHostname('ç ã')).toBe('-');
    expect(syslogHostname('')).toBe('-');
    expect(syslogHostname('x'.repeat(300))).toBe('x'.repeat(255));
    expect(syslogHostname('!~')).toBe('!~');
    expect(syslogHostname()).not.toBe('');
  });

  it('is framed over TCP by its length in bytes, not characters', () => {
    expect(octetFrame('abc').toString('utf8')).toBe('3 abc');
    expect(octetFrame('ação').toString('utf8')).toBe('6 ação');
    expect(octetFrame('').toString('utf8')).toBe('0 ');
  });
});
