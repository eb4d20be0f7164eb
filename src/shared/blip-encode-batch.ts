/**
 * Images per BLIP vision run when the graph batches (a q8 graph with DynamicQuantizeLinear runs one row
 * a run: batch independence, issue 17), and per `blip:encode` request of Caption all: no more than the
 * worker's cache of encoded images holds, so every one is still cached when its caption runs.
 */
export const BLIP_ENCODE_BATCH = 4;
