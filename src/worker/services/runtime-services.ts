/**
 * Everything that needs ONNX Runtime, as one lazily loaded chunk: the model
 * manager and the task services. Loading them together means that once a
 * model has loaded, every task works without fetching more code (offline too).
 */
export { modelManager, type ServiceEnvironment } from './model-service';
export { classifyImages, patchMap, searchImages } from './clip-service';
export { answerQuestion, captionImage, encodeImages } from './blip-service';
export { rerankWithItm, scoreWithItm } from './itm-service';
