import { Type, type TSchema } from 'typebox';
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
  Type.Integer({ minimum: 0, maximum: 99, description: 'which face when a photo has several (0 = left-most after sorting by size, largest first); default the largest' }),
);
export const OutputFormat = Type.Optional(
  Type.Union(OUTPUT_FORMATS.map((f) => Type.Literal(f)), { description: 'encoding of every returned image but masks; default PNG for faces and crops, JPEG for whole photos' }),
);
export const Composite = Type.Optional(
  Type.Union([Type.Literal('residual'), Type.Literal('replace')], {
    default: 'residual',
    description: "residual: the input keeps its own pixels and gains only the generator's change (measured against its own reconstruction, where significant); replace: the generated face itself replaces the input's",
  }),
);
export const OutputName = Type.Optional(
  Type.String({
    maxLength: 16,
    pattern: '^(A0|Bu|grid)(\\.(crop|mask))?$',
    description: 'with Accept: image/png, image/jpeg or image/webp, the one image to answer: A0, Bu (the photo, or the face for align=none), A0.crop, Bu.mask (residual only), grid (matrix); default Bu, A0 for remove, grid for the matrix',
  }),
);
export const ModelField = Type.Optional(Type.String({ maxLength: 64, description: 'model id from GET /v1/models; default the first listed' }));

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

/** One generated image: the face, (align=auto) the whole photo, and (residual) the change mask. */
export const OutputView = Type.Object({
  crop: DataUrl,
  photo: Type.Union([DataUrl, Type.Null()]),
  mask: Type.Union([DataUrl, Type.Null()], { description: 'composite=residual: grey PNG on the crop, 0 = the input\'s own pixels, 255 = the full change; null for replace' }),
});

const BinaryImage = Type.String({ format: 'binary', description: 'one image, chosen by `output`' });

/**
 * The 200 answer of an image route: JSON with data URLs, or one image when the request's Accept
 * prefers image/png, image/jpeg or image/webp to JSON.
 */
export function imageResponses(json: TSchema) {
  return {
    200: {
      description: 'JSON by default; one image (see `output`) with Accept: image/png, image/jpeg or image/webp',
      content: {
        'application/json': { schema: json },
        ...Object.fromEntries(OUTPUT_FORMATS.map((f) => [`image/${f}`, { schema: BinaryImage }])),
      },
    },
    ...IMAGE_ERRORS,
  };
}

export const Timing = Type.Object({
  queueMs: Type.Number({ description: 'waiting for a free model worker' }),
  runMs: Type.Number({ description: 'decode, align, model, paste-back and encode inside the worker' }),
  totalMs: Type.Number(),
});
