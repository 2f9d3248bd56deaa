import type { FacePipeline } from '../../face/createFacePipeline.ts';
import type { DetectedFace, Photo } from '../../face/types.ts';

/**
 * A face pipeline that detects each photo once: the evaluation edits every photo with both
 * composites and with every model, and FaceMesh on a 2 MP photo costs far more than the edit.
 * Photos are recognised by their pixel buffer (the edit path copies the Photo object, not the
 * pixels); alignment still runs per call, at whatever size the model asks for.
 */
export function cachedFaces(pipeline: FacePipeline): FacePipeline {
  const found = new WeakMap<Uint8Array, DetectedFace[]>();
  const detect: FacePipeline['detect'] = async (input, name) => {
    if (input instanceof Uint8Array) return pipeline.detect(input, name);
    const known = found.get(input.data);
    if (known) return { photo: input, faces: known };
    const result = await pipeline.detect(input, name);
    found.set(input.data, result.faces);
    return result;
  };
  return {
    decode: (bytes, name) => pipeline.decode(bytes, name),
    detect,
    alignDetected: (photo, faces, options) => pipeline.alignDetected(photo, faces, options),
    async align(input, options) {
      const { photo, faces } = await detect(input, options.name ?? 'photo');
      return { photo: photo as Photo, faces: pipeline.alignDetected(photo as Photo, faces, options) };
    },
    // The evaluation meshes every face once anyway (cached above), so one face is picked from those.
    async alignOne(input, options) {
      const { photo, faces } = await detect(input, options.name ?? 'photo');
      const [face] = pipeline.alignDetected(photo as Photo, faces, { ...options, face: options.face ?? 'largest' });
      return { photo: photo as Photo, face, count: faces.length };
    },
    dispose: () => pipeline.dispose(),
  };
}
