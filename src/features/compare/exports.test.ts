import { describe, expect, it } from 'vitest';
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
