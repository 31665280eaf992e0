import { humanize } from '../charts/plot-chart.ts';

// Column names are written without accents or capitals; staff read them as words.
const WORDS: Record<string, string> = {
  cdas: 'CDAs', cda: 'CDA', cpf: 'CPF', cns: 'CNS', nis: 'NIS', cnpj: 'CNPJ', id: 'ID', pp: 'p.p.', criancas: 'crianças', crianca: 'criança',
  saude: 'saúde', frequencia: 'frequência', situacao: 'situação', exercicio: 'exercício', media: 'média', medio: 'médio', so: 'só',
  vinculo: 'vínculo', territorio: 'território', numero: 'número', responsavel: 'responsável', preferencia: 'preferência', previsao: 'previsão',
  conclusao: 'conclusão', endereco: 'endereço', razao: 'razão', codigo: 'código', codigos: 'códigos', ultima: 'última', ultimo: 'último',
  etaria: 'etária', variacao: 'variação', diferenca: 'diferença', obitos: 'óbitos', numeros: 'números', matriculas: 'matrículas', vinculos: 'vínculos',
};

/** A column name as a label for staff: `dias_espera` reads "Dias espera", `cpf` "CPF". */
export function columnLabel(name: string): string {
  return humanize(name.split('_').map((word) => WORDS[word] ?? word).join('_'));
}
