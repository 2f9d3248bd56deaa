import { Type } from 'typebox';

export const ModelInfoSchema = Type.Object({
  id: Type.String(),
  attribute: Type.Union([Type.String(), Type.Null()], { description: 'the attribute the model moves, e.g. Eyeglasses' }),
  imageSize: Type.Integer({ description: 'side of the square aligned face the model works on' }),
  bits: Type.Integer({ description: 'generator weight bits; 32 = float' }),
  activationBits: Type.Integer({ description: 'activation bits; 32 = float' }),
  method: Type.String({ description: 'float, or the quantization method (balanced, balanced-exact, uniform)' }),
  packed: Type.Boolean({ description: 'weights stored as packed low-bit codes' }),
  training: Type.Record(Type.String(), Type.Unknown(), { description: 'training summary from the manifest' }),
  trainedOn: Type.Union([Type.String(), Type.Null()], { description: 'engine backend the model was trained on' }),
  servedOn: Type.String({ description: 'engine backend of this service' }),
  source: Type.Union([Type.Literal('bundled'), Type.Literal('trained')]),
  createdAt: Type.Union([Type.String(), Type.Null()]),
});

export const ModelList = Type.Object({
  models: Type.Array(ModelInfoSchema),
  problems: Type.Array(Type.Object({ id: Type.String(), message: Type.String() }), {
    description: 'model directories that could not be read',
  }),
});
