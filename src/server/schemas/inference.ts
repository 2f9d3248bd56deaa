import { Type } from 'typebox';
import { Align, Composite, DataUrl, FaceIndex, ImageFile, InputView, ModelField, OutputFormat, OutputName, OutputView, Timing } from './common.ts';
import { MAX_MATRIX_SIDE } from '../constants.ts';

const common = { model: ModelField, align: Align, faceIndex: FaceIndex, format: OutputFormat, composite: Composite, output: OutputName };
const replyHead = {
  model: Type.String(),
  align: Type.Union([Type.Literal('auto'), Type.Literal('none')]),
  composite: Type.Union([Type.Literal('residual'), Type.Literal('replace')]),
  format: Type.String({ description: 'encoding of faces, crops and the matrix' }),
  photoFormat: Type.String({ description: 'encoding of whole photos' }),
  timing: Timing,
};

export const SwapBody = Type.Object({
  a: ImageFile('photo or aligned face that HAS the attribute (set Au)'),
  b: ImageFile('photo or aligned face that LACKS the attribute (set B0)'),
  ...common,
});

export const SwapReply = Type.Object({
  ...replyHead,
  inputs: Type.Object({ a: InputView, b: InputView }),
  outputs: Type.Object({
    A0: OutputView,
    Bu: OutputView,
  }, {
    description: "A0: a with its attribute removed, Dec(A, 0); Bu: b with a's attribute, Dec(B, x)",
  }),
});

export const RemoveBody = Type.Object({ image: ImageFile('photo or aligned face that has the attribute'), ...common });

export const RemoveReply = Type.Object({
  ...replyHead,
  inputs: Type.Object({ image: InputView }),
  outputs: Type.Object({ A0: OutputView }),
});

export const TransferBody = Type.Object({
  target: ImageFile('photo or aligned face that should gain the attribute'),
  exemplar: Type.Optional(ImageFile('one exemplar that has the attribute (single mode)')),
  exemplar0: Type.Optional(ImageFile('first of four exemplars (mix or matrix mode)')),
  exemplar1: Type.Optional(ImageFile('second of four exemplars')),
  exemplar2: Type.Optional(ImageFile('third of four exemplars')),
  exemplar3: Type.Optional(ImageFile('fourth of four exemplars')),
  strength: Type.Optional(Type.Number({ minimum: -2, maximum: 4, default: 1, description: 'lambda in Dec(B, lambda*x); 1 = as the exemplar, 0 = none, >1 exaggerates' })),
  weights: Type.Optional(Type.String({ maxLength: 200, pattern: '^\\s*-?[0-9.eE+-]+\\s*(,\\s*-?[0-9.eE+-]+\\s*){3}$', description: 'four comma-separated mixing weights of exemplar0..3 (mix mode); without it, four exemplars give the matrix' })),
  matrix: Type.Optional(Type.Integer({ minimum: 2, maximum: MAX_MATRIX_SIDE, description: 'side of the 4-exemplar matrix (default 5)' })),
  ...common,
});

export const MatrixSchema = Type.Object({
  side: Type.Integer(),
  grid: Type.String({ description: 'data URL of all cells in one image: exemplar 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right' }),
  cells: Type.Array(Type.Object({ a: Type.Number(), b: Type.Number(), weights: Type.Array(Type.Number()), image: DataUrl })),
});

export const TransferReply = Type.Object({
  ...replyHead,
  mode: Type.Union([Type.Literal('single'), Type.Literal('mix'), Type.Literal('matrix')]),
  inputs: Type.Record(Type.String(), InputView, { description: 'target and exemplar fields as sent' }),
  outputs: Type.Object({ Bu: Type.Optional(OutputView) }, { description: 'Bu in single and mix mode; empty in matrix mode' }),
  matrix: Type.Union([MatrixSchema, Type.Null()]),
});
