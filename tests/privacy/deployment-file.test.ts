// mirante.yaml, the deployment's privacy settings beside the data: who is an analyst, where
// the audit log, its key, its anchor and its syslog copy are (relative to the data folder).
// A file that says something else than it means is refused with the setting named, never read
// as "everyone is an analyst"; a missing file is the defaults.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import { currentOsUser, defaultAuditLogPath, loadDeployment } from '../../main/core/privacy/deployment.ts';

let root: string;
let count = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'mirante-deployment-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A data folder with that mirante.yaml (none when undefined). */
async function dataDirWith(yaml: string | undefined): Promise<string> {
  const dataDir = path.join(root, `dados-${(count += 1)}`);
  await mkdir(dataDir);
  if (yaml !== undefined) await writeFile(path.join(dataDir, 'mirante.yaml'), yaml);
  return dataDir;
}

async function refusal(yaml: string, user = 'maria'): Promise<{ code: string; message: string }> {
  const dataDir = await dataDirWith(yaml);
  const error = await loadDeployment(dataDir, user).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, yaml).toBeInstanceOf(WorkbenchError);
  return (error as WorkbenchError).detail;
}

describe('the deployment file', () => {
  it('missing or empty: the OS user, an analyst, the log under auditoria/, no other audit settings', async () => {
    for (const yaml of [undefined, '', '# só um comentário\n']) {
      const dataDir = await dataDirWith(yaml);
      const deployment = await loadDeployment(dataDir);
      expect(deployment).toEqual({
        user: currentOsUser(),
        role: 'analista',
        auditLogPath: path.join(dataDir, 'auditoria', 'auditoria.jsonl'),
        audit: {},
      });
      expect(defaultAuditLogPath(dataDir)).toBe(deployment.auditLogPath);
    }
    expect(currentOsUser()).toBe(os.userInfo().username);
  });

  it('gives a listed user their role, and everyone else the default role', async () => {
    const dataDir = await dataDirWith('papel_padrao: consulta\nusuarios:\n  maria: analista\n  joao: consulta\n');
    expect((await loadDeployment(dataDir, 'maria')).role).toBe('analista');
    expect((await loadDeployment(dataDir, 'joao')).role).toBe('consulta');
    expect((await loadDeployment(dataDir, 'ana')).role).toBe('consulta');
    expect((await loadDeployment(dataDir, 'ana')).user).toBe('ana');
    const listedOnly = await dataDirWith('usuarios:\n  joao: consulta\n');
    expect((await loadDeployment(listedOnly, 'joao')).role).toBe('consulta');
    expect((await loadDeployment(listedOnly, 'ana')).role).toBe('analista');
  });

  it('resolves the audit paths against the data folder, and keeps absolute ones', async () => {
    const dataDir = await dataDirWith(
      'auditoria: registro/log.jsonl\nauditoria_chave: segredo/chave\nauditoria_ancora: /var/lib/mirante/ancora\nauditoria_syslog: tcp://127.0.0.1:6514\n',
    );
    expect(await loadDeployment(dataDir, 'maria')).toEqual({
      user: 'maria',
      role: 'analista',
      auditLogPath: path.join(dataDir, 'registro', 'log.jsonl'),
      audit: { keyPath: path.join(dataDir, 'segredo', 'chave'), anchorPath: '/var/lib/mirante/ancora', syslog: 'tcp://127.0.0.1:6514' },
    });
    const absolute = await dataDirWith('auditoria: /var/log/mirante/auditoria.jsonl\nauditoria_chave: null\n');
    expect(await loadDeployment(absolute, 'maria')).toMatchObject({ auditLogPath: '/var/log/mirante/auditoria.jsonl', audit: {} });
  });

  it('refuses what is not a map of settings, naming the file', async () => {
    for (const yaml of ['- maria\n- joao\n', 'só texto\n', '42\n']) {
      expect(await refusal(yaml), yaml).toEqual({ code: 'data', message: 'mirante.yaml: esperava um mapa' });
    }
  });

  it('refuses a role that is not analista or consulta, saying where it was', async () => {
    expect(await refusal('usuarios:\n  maria: admin\n')).toEqual({
      code: 'data',
      message: 'mirante.yaml: usuarios.maria: papel inválido "admin" (use analista ou consulta)',
    });
    expect(await refusal('papel_padrao: Analista\n', 'ana')).toEqual({
      code: 'data',
      message: 'mirante.yaml: papel_padrao: papel inválido "Analista" (use analista ou consulta)',
    });
    expect((await refusal('papel_padrao: 1\n', 'ana')).message).toBe('mirante.yaml: papel_padrao: papel inválido 1 (use analista ou consulta)');
  });

  it('refuses users that are not a map, and audit settings that are not paths or addresses', async () => {
    for (const yaml of ['usuarios:\n  - maria\n', 'usuarios: maria\n', 'usuarios: ~\n']) {
      expect((await refusal(yaml)).message, yaml).toBe('mirante.yaml: `usuarios` deve mapear usuário → papel');
    }
    for (const yaml of ['auditoria: 42\n', 'auditoria: [a, b]\n', 'auditoria: ~\n']) {
      expect((await refusal(yaml)).message, yaml).toBe('mirante.yaml: `auditoria` deve ser um caminho');
    }
    expect((await refusal('auditoria_chave: "  "\n')).message).toBe('mirante.yaml: `auditoria_chave` deve ser um caminho');
    expect((await refusal('auditoria_ancora: 7\n')).message).toBe('mirante.yaml: `auditoria_ancora` deve ser um caminho');
    expect((await refusal('auditoria_syslog: ""\n')).message).toBe('mirante.yaml: `auditoria_syslog` deve ser um endereço como tcp://127.0.0.1:6514');
    expect((await refusal('auditoria_syslog: http://coletor:514\n')).message).toBe(
      'mirante.yaml: auditoria_syslog: syslog: transporte "http" não suportado (use tcp, udp ou unix)',
    );
  });

  it('fails, rather than falls back to the defaults, when the file cannot be read', async () => {
    const dataDir = await dataDirWith(undefined);
    await mkdir(path.join(dataDir, 'mirante.yaml'));
    await expect(loadDeployment(dataDir, 'maria')).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
