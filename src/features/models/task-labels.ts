import { MODEL_TASKS } from '../../shared/model-registry';

export { TASK_LABELS } from '../../shared/task-labels';

export const TASKS = MODEL_TASKS;
