// A registry of five people over two snapshots where the mask hides two changes: Maria Silva
// becomes Mariana Souza (M. S. both) and João's CPF keeps its middle digits.
const DICTIONARY = `versao: 1
tabelas:
  pessoa:
    descricao: Pessoa
    dono: Cadastro Unificado
    colunas:
      pessoa_id: { tipo: BIGINT, descricao: Chave, dono: Cadastro Unificado, privacidade: publico }
      cpf: { tipo: VARCHAR, descricao: CPF, dono: Cadastro Unificado, privacidade: identificador }
      nome: { tipo: VARCHAR, descricao: Nome, dono: Cadastro Unificado, privacidade: identificador }
      bairro: { tipo: VARCHAR, descricao: Bairro, dono: Cadastro Unificado, privacidade: publico }
  evento:
    descricao: Uma tabela com chave declarada
    dono: Obras
    chave: [codigo]
    colunas:
      codigo: { tipo: BIGINT, descricao: Código, dono: Obras, privacidade: publico }
      texto: { tipo: VARCHAR, descricao: Texto, dono: Obras, privacidade: publico }
  ocorrencia:
    descricao: Uma tabela sem chave conhecida
    dono: Obras
    colunas:
      texto: { tipo: VARCHAR, descricao: Texto, dono: Obras, privacidade: publico }
`;

export const FROM = '2026-09-30';
export const TO = '2026-10-31';
export const RAW_CPFS = ['12345678901', '11122233344', '55566677788', '99922233300', '44455566677'];

export const DIFF_REGISTRY = {
  dictionary: DICTIONARY,
  snapshots: {
    [FROM]: {
      pessoa: [
        { pessoa_id: 1, cpf: '12345678901', nome: 'Maria Silva', bairro: 'Centro' },
        { pessoa_id: 2, cpf: '11122233344', nome: 'João Souza', bairro: 'Centro' },
        { pessoa_id: 3, cpf: null, nome: 'Ana Lima', bairro: 'Jundiapeba' },
        { pessoa_id: 4, cpf: '55566677788', nome: 'Pedro Alves', bairro: 'Centro' },
      ],
      ocorrencia: [{ texto: 'a' }],
      evento: [{ codigo: 1, texto: 'a' }, { codigo: 2, texto: 'b' }],
    },
    [TO]: {
      pessoa: [
        { pessoa_id: 1, cpf: '12345678901', nome: 'Mariana Souza', bairro: 'Centro' },
        { pessoa_id: 2, cpf: '99922233300', nome: 'João Souza', bairro: 'Centro' },
        { pessoa_id: 3, cpf: null, nome: 'Ana Lima', bairro: 'Jundiapeba' },
        { pessoa_id: 5, cpf: '44455566677', nome: 'Bruno Costa', bairro: 'Braz Cubas' },
      ],
      ocorrencia: [{ texto: 'b' }],
      evento: [{ codigo: 1, texto: 'c' }, { codigo: 3, texto: 'b' }],
    },
  },
};
