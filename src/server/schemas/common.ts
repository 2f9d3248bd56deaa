import { Type } from 'typebox';
import { OUTPUT_FORMATS } from '../constants.ts';

/** Every error reply (plugins/errorHandler.ts). */
export const ErrorReply = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String({ description: 'what was expected and what was received' }),
    code: Type.Optional(Type.String({ description: 'stable machine-readable reason, e.g. not_an_image, too_many_pixels, no_face, busy' })),
  },
  { $id: 'ErrorReply' },
);

/** Error statuses of the image routes, documented once. */
export const IMAGE_ERRORS = {
  400: ErrorReply, 404: ErrorReply, 413: ErrorReply, 415: ErrorReply, 422: ErrorReply, 500: ErrorReply, 503: ErrorReply,
} as const;

/** An image file in a multipart form (see plugins/multipart.ts for how it reaches the handler). */
export const ImageFile = (description: string) => Type.String({ format: 'binary', description });

export const DataUrl = Type.String({ description: 'data:image/<format>;base64,...' });

export const Align = Type.Optional(
  Type.Union([Type.Literal('auto'), Type.Literal('none')], {
    default: 'auto',
    description: 'auto: find the face, align it to the model template and paste results back into the photo; none: the image is already an aligned face (resized to the model size)',
  }),
);
export const FaceIndex = Type.Optional(
  Type.Integer({ minimum: 0, description: 'which face when a photo has several (0 = left-most after sorting by size, largest first); default the largest' }),
);
export const OutputFormat = Type.Optional(
  Type.Union(OUTPUT_FORMATS.map((f) => Type.Literal(f)), { default: 'png', description: 'encoding of the returned images' }),
);
export const ModelField = Type.Optional(Type.String({ description: 'model id from GET /v1/models; default the first listed' }));

/** A face found in a photo (align=auto). */
export const FaceInfo = Type.Object({
  index: Type.Integer({ description: 'index of the face used' }),
  count: Type.Integer({ description: 'faces found in the photo' }),
  box: Type.Object({ x: Type.Number(), y: Type.Number(), width: Type.Number(), height: Type.Number() }),
});

/** One input as the model saw it. */
export const InputView = Type.Object({
  crop: DataUrl,
  face: Type.Union([FaceInfo, Type.Null()]),
  width: Type.Integer({ description: 'original width (after EXIF rotation)' }),
  height: Type.Integer(),
});

/** One generated image: the aligned crop, and (align=auto) pasted into the original photo. */
export const OutputView = Type.Object({
  crop: DataUrl,
  photo: Type.Union([DataUrl, Type.Null()]),
});

export const Timing = Type.Object({
  queueMs: Type.Number({ description: 'waiting for a free model worker' }),
  runMs: Type.Number({ description: 'decode, align, model, paste-back and encode inside the worker' }),
  totalMs: Type.Number(),
});
