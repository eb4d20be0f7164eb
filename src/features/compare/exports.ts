/**
 * Exports of what the screen shows: the comparison table as Markdown, and
 * every result (all images, all tasks) as JSON and CSV.
 */
import { toCsv } from '../../lib/csv';
import type { ModelTask } from '../../shared/model-registry';
import type { LoadedModelInfo } from '../../shared/protocol';
import type { AppState } from '../../store/store';
import { liveCells, measuredRows, type EvidenceInput } from './evidence';
import { REPORT_ROWS } from './report-table';
import { sharedStateOf } from '../../store/share-state';

/** Renderers of Markdown pass raw HTML through, and labels or image names can come from a share link. */
export function escapeMarkdownHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function cell(text: string): string {
  return escapeMarkdownHtml(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function comparisonMarkdown(input: EvidenceInput): string {
  const live = liveCells(input);
  const lines = [
    `Comparison on ${escapeMarkdownHtml(input.imageName ?? 'no image').replaceAll('\n', ' ')}`,
    '',
    '| Feature | CLIP | BLIP | Seen live | Note |',
    '|---|---|---|---|---|',
    ...REPORT_ROWS.map((row) => {
      const note = row.correction ? `${row.correction.text} (${row.correction.sources.map((source) => source.label).join('; ')})` : '';
      return `| ${cell(row.feature)} | ${cell(row.clip)} | ${cell(row.blip)} | ${cell(live[row.key])} | ${cell(note)} |`;
    }),
    ...measuredRows(input).map((row) => `| ${cell(row.label)} | ${cell(row.clip)} | ${cell(row.blip)} | measured | |`),
  ];
  return `${lines.join('\n')}\n`;
}

export interface ResultsJson {
  app: string;
  generatedAt: string;
  settings: ReturnType<typeof sharedStateOf>;
  models: Partial<Record<ModelTask, LoadedModelInfo>>;
  images: {
    name: string;
    id: string;
    width: number;
    height: number;
    clip?: { labels: string[]; template: string; scores: { label: string; probability: number; cosine: number }[] };
    caption?: { prompt: string; text: string; sequence?: number[]; status: string };
    vqa: { question: string; answer: string; sequence?: number[]; status: string }[];
  }[];
}

export function resultsJson(state: AppState, now = new Date()): ResultsJson {
  const models = Object.fromEntries(Object.entries(state.loads).flatMap(([task, load]) => (load?.status === 'ready' ? [[task, load.info]] : [])));
  return {
    app: 'Multimodal Playground',
    generatedAt: now.toISOString(),
    settings: sharedStateOf(state),
    models,
    images: state.images.map((image) => {
      const classification = state.classifications[image.id];
      const caption = state.captions[image.id];
      return {
        name: image.name,
        id: image.id,
        width: image.width,
        height: image.height,
        ...(classification
          ? {
              clip: {
                labels: classification.labels,
                template: classification.template,
                scores: classification.scores.map(({ label, probability, cosine }) => ({ label, probability, cosine })),
              },
            }
          : {}),
        ...(caption
          ? {
              caption: {
                prompt: caption.prompt,
                text: caption.text,
                status: caption.status,
                ...(caption.result ? { sequence: caption.result.sequence } : {}),
              },
            }
          : {}),
        vqa: (state.qaHistory[image.id] ?? []).map((entry) => ({
          question: entry.question,
          answer: entry.text,
          status: entry.status,
          ...(entry.result ? { sequence: entry.result.sequence } : {}),
        })),
      };
    }),
  };
}

export function resultsCsv(results: ResultsJson): string {
  // Which model and precision produced a row: a q8 and an fp32 run of the same image otherwise read alike.
  const model = (task: ModelTask) => [results.models[task]?.repo ?? '', results.models[task]?.dtype ?? ''];
  const rows: (string | number)[][] = [['image', 'task', 'model', 'dtype', 'input', 'output', 'probability', 'cosine']];
  for (const image of results.images) {
    for (const score of image.clip?.scores ?? []) rows.push([image.name, 'clip', ...model('clip'), score.label, '', score.probability, score.cosine]);
    if (image.caption) rows.push([image.name, 'caption', ...model('caption'), image.caption.prompt, image.caption.text, '', '']);
    for (const entry of image.vqa) rows.push([image.name, 'vqa', ...model('vqa'), entry.question, entry.answer, '', '']);
  }
  return toCsv(rows);
}
