import type { ModelTask } from '../../shared/model-registry';

export const TASK_LABELS: Record<ModelTask, string> = {
  clip: 'CLIP',
  caption: 'BLIP captioning',
  vqa: 'BLIP VQA',
};

export const TASKS: readonly ModelTask[] = ['clip', 'caption', 'vqa'];
