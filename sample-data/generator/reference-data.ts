// Static reference data of the reference city (Mogi das Cruzes, SP): neighbourhoods, CRAS
// territories, names and the national childhood vaccination schedule.

export interface Bairro {
  nome: string;
  cras: string;
  /** Relative population weight. */
  peso: number;
  /** 0 (well-off) .. 1 (poorest): drives CadÚnico share, no-shows, debt, absences. */
  pobreza: number;
  lat: number;
  lon: number;
}

const b = (nome: string, cras: string, peso: number, pobreza: number, lat: number, lon: number): Bairro => ({
  nome, cras, peso, pobreza, lat, lon,
});

export const BAIRROS: readonly Bairro[] = [
  b('Centro', 'CRAS Centro', 3.0, 0.15, -23.5225, -46.1883),
  b('Mogilar', 'CRAS Centro', 2.4, 0.1, -23.5165, -46.1975),
  b('Vila Mogilar', 'CRAS Centro', 1.6, 0.12, -23.5135, -46.1930),
  b('Nova Mogilar', 'CRAS Centro', 1.8, 0.12, -23.5098, -46.2010),
  b('Vila Oliveira', 'CRAS Centro', 2.0, 0.08, -23.5300, -46.1950),
  b('Socorro', 'CRAS Centro', 2.2, 0.2, -23.5330, -46.1800),
  b('Alto do Ipiranga', 'CRAS Centro', 1.8, 0.25, -23.5270, -46.1760),
  b('Vila Industrial', 'CRAS Centro', 1.4, 0.3, -23.5190, -46.1800),
  b('Mogi Moderno', 'CRAS Centro', 1.2, 0.2, -23.5240, -46.2060),
  b('Vila Rubens', 'CRAS Centro', 0.8, 0.12, -23.5280, -46.2010),
  b('Braz Cubas', 'CRAS Braz Cubas', 4.0, 0.4, -23.5350, -46.2150),
  b('Conjunto Habitacional Brás Cubas', 'CRAS Braz Cubas', 1.8, 0.62, -23.5420, -46.2200),
  b('Vila São Francisco', 'CRAS Braz Cubas', 1.6, 0.45, -23.5390, -46.2090),
  b('Jardim Santista', 'CRAS Braz Cubas', 1.5, 0.48, -23.5450, -46.2080),
  b('Vila Suissa', 'CRAS Braz Cubas', 1.2, 0.35, -23.5320, -46.2100),
  b('Parque Morumbi', 'CRAS Braz Cubas', 1.0, 0.3, -23.5480, -46.2000),
  b('Jardim Universo', 'CRAS Braz Cubas', 1.6, 0.35, -23.5400, -46.2280),
  b('Vila Natal', 'CRAS Jundiapeba', 2.2, 0.55, -23.5520, -46.2380),
  b('Jundiapeba', 'CRAS Jundiapeba', 4.5, 0.72, -23.5460, -46.2560),
  b('Jardim Aracy', 'CRAS Jundiapeba', 1.4, 0.68, -23.5500, -46.2500),
  b('Jardim Nathália', 'CRAS Jundiapeba', 1.2, 0.7, -23.5550, -46.2620),
  b('Taiaçupeba', 'CRAS Jundiapeba', 0.9, 0.75, -23.5920, -46.2330),
  b('César de Souza', 'CRAS César de Souza', 3.6, 0.45, -23.5150, -46.1550),
  b('Rodeio', 'CRAS César de Souza', 1.6, 0.5, -23.5070, -46.1420),
  b('Cocuera', 'CRAS César de Souza', 0.9, 0.5, -23.5580, -46.1630),
  b('Parque Santana', 'CRAS César de Souza', 1.4, 0.55, -23.5020, -46.1500),
  b('Jardim Armênia', 'CRAS César de Souza', 1.0, 0.3, -23.5100, -46.1680),
  b('Jardim Layr', 'CRAS Jardim Layr', 2.6, 0.7, -23.4950, -46.2100),
  b('Jardim Camila', 'CRAS Jardim Layr', 1.4, 0.6, -23.4980, -46.2050),
  b('Botujuru', 'CRAS Jardim Layr', 1.2, 0.72, -23.4800, -46.2250),
  b('Parque das Varinhas', 'CRAS Jardim Layr', 1.0, 0.6, -23.4920, -46.2180),
  b('Vila Jundiaí', 'CRAS Jardim Layr', 1.1, 0.5, -23.5030, -46.2030),
  b('Vila Brasileira', 'CRAS Vila Brasileira', 1.6, 0.4, -23.5060, -46.1830),
  b('Jardim Aeroporto', 'CRAS Vila Brasileira', 1.5, 0.62, -23.4970, -46.1700),
  b('Ponte Grande', 'CRAS Vila Brasileira', 1.2, 0.45, -23.5040, -46.1880),
  b('Alto da Ponte Grande', 'CRAS Vila Brasileira', 0.9, 0.5, -23.4990, -46.1950),
  b('Jardim Margarida', 'CRAS Vila Brasileira', 0.8, 0.48, -23.5010, -46.1760),
  b('Sabaúna', 'CRAS Distritos', 1.0, 0.65, -23.5330, -46.0560),
  b('Biritiba Ussu', 'CRAS Distritos', 0.7, 0.7, -23.5800, -46.0780),
  b('Quatinga', 'CRAS Distritos', 0.5, 0.7, -23.6420, -46.1350),
];

export const NOMES_FEMININOS = [
  'Maria', 'Ana', 'Francisca', 'Antônia', 'Adriana', 'Juliana', 'Márcia', 'Fernanda', 'Patrícia', 'Aline',
  'Sandra', 'Camila', 'Amanda', 'Bruna', 'Jéssica', 'Letícia', 'Júlia', 'Luciana', 'Vanessa', 'Mariana',
  'Gabriela', 'Vera', 'Vitória', 'Larissa', 'Cláudia', 'Beatriz', 'Luana', 'Rita', 'Sônia', 'Renata',
  'Eliane', 'Josefa', 'Simone', 'Natália', 'Cristiane', 'Carla', 'Débora', 'Rosângela', 'Jaqueline', 'Rosa',
  'Daniela', 'Aparecida', 'Marlene', 'Terezinha', 'Raimunda', 'Helena', 'Alice', 'Laura', 'Valentina', 'Sophia',
  'Heloísa', 'Isabela', 'Manuela', 'Lívia', 'Cecília', 'Yasmin', 'Emanuelly', 'Lorena', 'Kátia', 'Tatiane',
];

export const NOMES_MASCULINOS = [
  'José', 'João', 'Antônio', 'Francisco', 'Carlos', 'Paulo', 'Pedro', 'Lucas', 'Luiz', 'Marcos',
  'Luís', 'Gabriel', 'Rafael', 'Daniel', 'Marcelo', 'Bruno', 'Eduardo', 'Felipe', 'Raimundo', 'Rodrigo',
  'Manoel', 'Mateus', 'André', 'Fernando', 'Fábio', 'Leonardo', 'Gustavo', 'Guilherme', 'Leandro', 'Tiago',
  'Anderson', 'Ricardo', 'Márcio', 'Jorge', 'Sebastião', 'Alexandre', 'Roberto', 'Edson', 'Diego', 'Vitor',
  'Sérgio', 'Cláudio', 'Matheus', 'Thiago', 'Geraldo', 'Adriano', 'Luciano', 'Júlio', 'Renato', 'Alex',
  'Miguel', 'Arthur', 'Heitor', 'Bernardo', 'Davi', 'Théo', 'Samuel', 'Enzo', 'Lorenzo', 'Benjamin',
];

export const SOBRENOMES = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes',
  'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa',
  'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas',
  'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira', 'Araújo', 'Melo', 'Batista', 'Campos', 'Moura',
  'Correia', 'Cavalcante', 'Monteiro', 'Moraes', 'Pinto', 'Prado', 'Bezerra', 'Miranda', 'Castro', 'Rezende',
  'Tanaka', 'Suzuki', 'Nakamura', 'Yamamoto', 'Sato', 'Watanabe', 'Ito', 'Kobayashi', 'Matsumoto', 'Kato',
];

/** Namesakes of municipal schools (patronos). */
export const PATRONOS = [
  'Prof. Álvaro de Campos Carneiro', 'Profa. Guiomar Pinheiro Franco', 'Dr. Deodato Wertheimer',
  'Profa. Jovita Franco Arouche', 'Prof. Isidoro Boucault', 'Profa. Cecília Meireles', 'Monteiro Lobato',
  'Cora Coralina', 'Profa. Maria José Ferraz', 'Prof. Adolfo Cardoso', 'Vereador José Alves dos Santos',
  'Profa. Zilda Arns', 'Prof. Paulo Freire', 'Anita Garibaldi', 'Profa. Odete Valadares',
  'Prof. Jorge Bei Maia', 'Ruth Cardoso', 'Vinícius de Moraes', 'Profa. Ivete Vargas', 'Chiquinha Gonzaga',
  'Profa. Irene Camargo', 'Dom Paulo Rolim Loureiro', 'Prof. Benedito Ferreira Lopes', 'Tarsila do Amaral',
];

export const PREFIXOS_EMPRESA = [
  'Comercial', 'Construtora', 'Padaria', 'Auto Peças', 'Supermercado', 'Transportes', 'Distribuidora',
  'Mercearia', 'Serralheria', 'Clínica', 'Farmácia', 'Metalúrgica', 'Imobiliária', 'Restaurante', 'Agropecuária',
];
export const SUFIXOS_EMPRESA = ['Ltda', 'ME', 'EPP', 'S.A.', 'Eireli'];

export const CONSTRUTORAS = [
  'Construtora Alto Tietê Ltda', 'Engenharia Serra do Itapeti S.A.', 'Pavimenta Mogi Ltda',
  'Construtora Vale do Paraíba Ltda', 'Concrebras Obras Civis Ltda', 'Terraplenagem Sabaúna Ltda',
  'Construtora Paulista de Saneamento S.A.', 'Infrasul Engenharia Ltda', 'Construtora Boa Vista Ltda',
  'Edifica Construções e Reformas Ltda', 'Via Leste Engenharia S.A.', 'Construtora Jundiapeba Ltda',
];

/** The national childhood schedule as docs/DATA-CONTRACT.md states it: (vacina, dose, idade_meses). */
export const CALENDARIO_VACINAL: readonly (readonly [string, string, number])[] = [
  ['BCG', 'DU', 0],
  ['Hepatite B', 'D1', 0],
  ['Pentavalente', 'D1', 2],
  ['Pentavalente', 'D2', 4],
  ['Pentavalente', 'D3', 6],
  ['VIP', 'D1', 2],
  ['VIP', 'D2', 4],
  ['VIP', 'D3', 6],
  ['Pneumocócica 10', 'D1', 2],
  ['Pneumocócica 10', 'D2', 4],
  ['Rotavírus', 'D1', 2],
  ['Rotavírus', 'D2', 4],
  ['Meningocócica C', 'D1', 3],
  ['Meningocócica C', 'D2', 5],
  ['Meningocócica C', 'REF1', 12],
  ['Febre Amarela', 'D1', 9],
  ['Tríplice Viral', 'D1', 12],
  ['DTP', 'REF1', 15],
  ['DTP', 'REF2', 48],
];

/** School days per month of a municipal school year (February..December). */
export const DIAS_LETIVOS: Readonly<Record<number, number>> = {
  2: 18, 3: 21, 4: 20, 5: 20, 6: 20, 7: 10, 8: 21, 9: 21, 10: 20, 11: 18, 12: 14,
};
