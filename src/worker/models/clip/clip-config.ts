/** What the app needs to know about a CLIP checkpoint, read from its config.json. */
import type { ModelQuirks } from '../../../shared/model-registry';
import type { ClipFacts } from '../../../shared/protocol';

export interface ClipConfig {
  projection_dim?: number;
  /** Written by our exporter: the trained temperature, in log space (the state dict's parameter). */
  logit_scale?: number;
  logit_scale_init_value?: number;
  text_config?: { num_hidden_layers?: number; projection_dim?: number; max_position_embeddings?: number };
  vision_config?: { num_hidden_layers?: number; image_size?: number; patch_size?: number; projection_dim?: number };
}

/** CLIP's default initial temperature (ln(1/0.07)), used when a config says nothing. */
const DEFAULT_LOGIT_SCALE_INIT = 2.6592;

export function clipFacts(config: ClipConfig, quirks: ModelQuirks | undefined): ClipFacts {
  const imageSize = config.vision_config?.image_size ?? 224;
  const patchSize = config.vision_config?.patch_size ?? 32;
  return {
    ...logitScaleOf(config, quirks),
    projectionDim: config.projection_dim ?? config.vision_config?.projection_dim ?? 512,
    textLayers: config.text_config?.num_hidden_layers ?? 12,
    visionLayers: config.vision_config?.num_hidden_layers ?? 12,
    imageSize,
    patchSize,
    imageTokens: Math.floor(imageSize / patchSize) ** 2 + 1,
  };
}

/**
 * The split text/vision graphs do not contain the temperature. Our export
 * records it in config.json; for others' exports the registry knows the
 * checkpoint's value; failing both, the config's init value is the honest
 * last resort (and the UI says so).
 */
function logitScaleOf(config: ClipConfig, quirks: ModelQuirks | undefined): Pick<ClipFacts, 'logitScale' | 'logitScaleSource'> {
  if (typeof config.logit_scale === 'number') return { logitScale: Math.exp(config.logit_scale), logitScaleSource: 'config' };
  if (quirks?.logitScale !== undefined) return { logitScale: quirks.logitScale, logitScaleSource: 'registry' };
  return { logitScale: Math.exp(config.logit_scale_init_value ?? DEFAULT_LOGIT_SCALE_INIT), logitScaleSource: 'init-value' };
}
