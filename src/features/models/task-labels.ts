import { MODEL_TASKS, type ModelTask } from '../../shared/model-registry';

export const TASK_LABELS: Record<ModelTask, string> = {
  clip: 'CLIP',
  caption: 'BLIP captioning',
  vqa: 'BLIP VQA',
  itm: 'BLIP retrieval',
};

export const TASKS = MODEL_TASKS;
