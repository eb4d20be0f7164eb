/**
 * The comparison table of the written report (../shared/report-clip-vs-blip.txt,
 * Table 1), word for word, with corrections where it is wrong for the models
 * this app runs. Sources are the two papers.
 */
export const BLIP_PAPER = { label: 'Li et al. 2022, arXiv:2201.12086', url: 'https://arxiv.org/abs/2201.12086' };
/** The sections that make BLIP a retrieval model (ITC and ITM objectives; ITC top-k re-ranked by ITM). */
const BLIP_RETRIEVAL = { label: `${BLIP_PAPER.label} §3.2, §4`, url: BLIP_PAPER.url };
export const BLIP2_PAPER = { label: 'Li et al. 2023 (BLIP-2), arXiv:2301.12597', url: 'https://arxiv.org/abs/2301.12597' };

export type RowKey = 'developer' | 'modalities' | 'objective' | 'transformer' | 'applications' | 'alignment' | 'generates';

export interface Source {
  label: string;
  url: string;
}

export interface ReportRow {
  key: RowKey;
  feature: string;
  clip: string;
  blip: string;
  correction?: { text: string; sources: Source[] };
}

export const REPORT_ROWS: readonly ReportRow[] = [
  { key: 'developer', feature: 'Developed by', clip: 'OpenAI', blip: 'Salesforce' },
  { key: 'modalities', feature: 'Modalities supported', clip: 'Image + Text', blip: 'Image + Text' },
  {
    key: 'objective',
    feature: 'Training objective',
    clip: 'Contrastive learning',
    blip: 'Image-text matching + generation',
    correction: {
      text:
        'BLIP is pre-trained with three objectives, not two: image-text contrastive (ITC), image-text matching (ITM) and ' +
        'image-conditioned language modelling (LM).',
      sources: [BLIP_PAPER],
    },
  },
  {
    key: 'transformer',
    feature: 'Uses Transformer?',
    clip: 'Yes (dual encoders)',
    blip: 'Yes (ViT + Q-Former + BERT)',
    correction: {
      text:
        'The BLIP models here have no Q-Former: that module belongs to BLIP-2. BLIP pairs a ViT with a BERT-style text ' +
        'transformer whose layers cross-attend to the image (its “multimodal mixture of encoder-decoder”, MED).',
      sources: [BLIP_PAPER, BLIP2_PAPER],
    },
  },
  {
    key: 'applications',
    feature: 'Applications',
    clip: 'Retrieval, classification',
    blip: 'Captioning, VQA, chatbots',
    correction: {
      text:
        'BLIP is a retrieval and zero-shot model too: its ITC head is a contrastive dual encoder like CLIP and its ITM head ' +
        'decides match / no match for an image-text pair (§3.2); BLIP retrieves by ranking with ITC and re-ranking the ' +
        'top-k with ITM (§4). “Compare with BLIP” in the CLIP column measures both on your images.',
      sources: [BLIP_RETRIEVAL],
    },
  },
  {
    key: 'alignment',
    feature: 'Cross-modal alignment',
    clip: 'Embedding similarity',
    blip: 'Query transformer attention',
    correction: {
      text:
        'In BLIP, text attends to the image through cross-attention layers inside the text transformer (MED), not through ' +
        'a query transformer; learned queries are BLIP-2’s Q-Former. BLIP also aligns by embedding similarity: its ITC ' +
        'head compares projected [CLS] embeddings as CLIP does (§3.2), and ITM adds cross-attention on top (§4 re-ranking).',
      sources: [BLIP_PAPER, BLIP2_PAPER, BLIP_RETRIEVAL],
    },
  },
  { key: 'generates', feature: 'Can generate text?', clip: 'No', blip: 'Yes' },
];
