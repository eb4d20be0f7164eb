/**
 * Which output of the vision model and of the VQA question encoder carries the states the decoder
 * attends to. Our exports call it `last_hidden_state`; third-party exports name it otherwise (the
 * onnx-community split graph: `encoder_hidden_states`). Read from the sessions, never assumed: a graph
 * that fits none of the known names is an error that lists what it has.
 */
import { AppError } from '../../../shared/errors';
import type { SessionInfo } from '../../../shared/protocol';

const VISION_OUTPUTS = ['last_hidden_state', 'encoder_hidden_states', 'image_embeds'];
const QUESTION_OUTPUTS = ['last_hidden_state', 'encoder_hidden_states', 'question_embeds'];
const QUESTION_INPUTS = new Set(['input_ids', 'attention_mask', 'encoder_hidden_states', 'encoder_attention_mask']);

export interface EncoderIo {
  visionOutput: string;
  /** VQA only. */
  questionOutput?: string;
}

type Names = Pick<SessionInfo, 'name' | 'file' | 'inputNames' | 'outputNames'>;

export function resolveEncoderIo(vision: Names, question?: Names): EncoderIo {
  if (!vision.inputNames.includes('pixel_values')) throw encoderMismatch('vision model', vision, 'input pixel_values', VISION_OUTPUTS);
  const visionOutput = VISION_OUTPUTS.find((name) => vision.outputNames.includes(name));
  if (!visionOutput) throw encoderMismatch('vision model', vision, 'input pixel_values', VISION_OUTPUTS);
  if (!question) return { visionOutput };
  const required = 'inputs input_ids and encoder_hidden_states (optionally attention_mask, encoder_attention_mask)';
  const inputsFit =
    question.inputNames.includes('input_ids') &&
    question.inputNames.includes('encoder_hidden_states') &&
    question.inputNames.every((name) => QUESTION_INPUTS.has(name));
  const questionOutput = QUESTION_OUTPUTS.find((name) => question.outputNames.includes(name));
  if (!inputsFit || !questionOutput) throw encoderMismatch('question encoder', question, required, QUESTION_OUTPUTS);
  return { visionOutput, questionOutput };
}

function encoderMismatch(role: string, session: Names, inputs: string, outputs: readonly string[]): AppError {
  const found = `inputs [${session.inputNames.join(', ')}]; outputs [${session.outputNames.join(', ')}]`;
  return new AppError({
    code: 'unsupported-layout',
    message:
      `The BLIP ${role} (${session.file}) has input/output names this app cannot drive. ` +
      `Expected ${inputs} and one output named ${outputs.join(' or ')}. Found: ${found}`,
    action: 'Export the model with the tools/ exporter, or pick another source for this model.',
    detail: `${session.file}: ${found}`,
  });
}
