import { describe, expect, it } from 'vitest';
import { blipResult, loadedInfo } from '../../store/testing/fake-api';
import { comparisonMarkdown, resultsCsv, type ResultsJson } from './exports';

const hostile = '<img src=x onerror="alert(1)">';

function results(label: string): ResultsJson {
  return {
    app: 'test',
    generatedAt: '2026-01-01T00:00:00.000Z',
    settings: {} as ResultsJson['settings'],
    models: {},
    images: [
      {
        name: '=cmd|"/c calc"!A1.png',
        id: 'a',
        width: 1,
        height: 1,
        clip: { labels: [label], template: '{}', scores: [{ label, probability: 0.5, cosine: -0.1 }] },
        caption: { prompt: '@prefix', text: '-a caption', status: 'done' },
        vqa: [{ question: '+what', answer: 'a dog', status: 'done' }],
      },
    ],
  };
}

describe('comparisonMarkdown', () => {
  it('escapes HTML from image names so a Markdown renderer shows it as text', () => {
    const markdown = comparisonMarkdown({ imageName: hostile, clip: {}, caption: {}, vqa: {} });
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('&lt;img src=x onerror="alert(1)"&gt;');
  });
});

describe('resultsCsv', () => {
  it('neutralises every text cell that a spreadsheet would run as a formula', () => {
    const csv = resultsCsv(results('=1+1'));
    const cells = csv
      .split('\r\n')
      .slice(1, -1)
      .flatMap((line) => line.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g) ?? []);
    const texts = cells.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replaceAll('""', '"'));
    for (const text of texts.filter((t) => Number.isNaN(Number(t)))) expect(text).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain(`"'=1+1"`);
    expect(csv).toContain(`"'@prefix"`);
    expect(csv).toContain(`"'-a caption"`);
    expect(csv).toContain(`"'+what"`);
    expect(csv).toContain(',-0.1');
  });
});

describe('what each export row came from', () => {
  it('names the model and dtype of every CSV row', () => {
    const withModels = results('cat');
    const info = (task: 'clip' | 'caption' | 'vqa', repo: string) => ({
      ...loadedInfo({ spec: { id: task, task, displayName: repo, repo, revision: 'r' }, dtype: 'q8' } as never),
      repo,
      dtype: task === 'clip' ? ('fp32' as const) : ('q8' as const),
    });
    withModels.models = { clip: info('clip', 'org/clip'), caption: info('caption', 'org/blip-cap'), vqa: info('vqa', 'org/blip-vqa') };
    const [header, ...lines] = resultsCsv(withModels).trim().split('\r\n');
    expect(header).toBe('image,task,model,dtype,input,output,probability,cosine');
    expect(lines[0]).toContain(',clip,org/clip,fp32,cat,');
    expect(lines[1]).toContain(',caption,org/blip-cap,q8,');
    expect(lines[2]).toContain(',vqa,org/blip-vqa,q8,');
  });

  it('says in Markdown whose tokens per second each row is', () => {
    const markdown = comparisonMarkdown({ clip: {}, caption: { result: blipResult('a cat') }, vqa: { result: blipResult('yes') } });
    expect(markdown).toMatch(/\| Caption tokens\/s \|/);
    expect(markdown).toMatch(/\| VQA tokens\/s \|/);
    expect(markdown).not.toMatch(/\| Tokens\/s \|/);
  });
});
