import { TEMPLATE_128, TEMPLATE_SIZE } from '../constants.ts';
import type { FaceFactors, FiveLandmarks, Point } from './types.ts';

/**
 * Where the parts of one face go, in the canonical 128 px frame before the pose jitter.
 * The eyes and the nose tip sit exactly on the alignment template (docs/face.md
 * "Template"); the mouth corners move with the mouth width and the smile.
 */
export interface FaceGeometry {
  /** Face centre line. */
  cx: number;
  eyes: readonly [Point, Point];
  nose: Point;
  mouth: readonly [Point, Point];
  /** Half-width at the temples and at the jaw. */
  faceWidth: number;
  jawWidth: number;
  chinY: number;
  /** y of the top of the skull. */
  crownY: number;
  hairlineY: number;
}

/** How far a smile pulls the mouth corners out and up (canonical px). */
const SMILE_WIDEN = 1.8;
const SMILE_LIFT = 2.6;

export function faceGeometry(factors: FaceFactors): FaceGeometry {
  const id = factors.identity;
  const [leftEye, rightEye, nose, leftMouth, rightMouth] = TEMPLATE_128;
  const cx = (leftEye[0] + rightEye[0]) / 2;
  const mouthCx = (leftMouth[0] + rightMouth[0]) / 2;
  const halfMouth = ((rightMouth[0] - leftMouth[0]) / 2) * id.mouthWidth + (factors.attributes.smiling ? SMILE_WIDEN : 0);
  const mouthY = leftMouth[1] - (factors.attributes.smiling ? SMILE_LIFT : 0);
  return {
    cx,
    eyes: [leftEye, rightEye],
    nose,
    mouth: [
      [mouthCx - halfMouth, mouthY],
      [mouthCx + halfMouth, mouthY],
    ],
    faceWidth: id.faceWidth,
    jawWidth: id.faceWidth * id.jaw,
    chinY: id.chinY,
    crownY: id.hairlineY - 16,
    hairlineY: id.hairlineY,
  };
}

/** The pose jitter maps the canonical frame about the eye midpoint (SVG's transform order). */
export function poseTransform(factors: FaceFactors): string {
  const [mx, my] = eyeMidpoint();
  const { rotation, scale, dx, dy } = factors.pose;
  return `translate(${mx + dx} ${my + dy}) rotate(${rotation}) scale(${scale}) translate(${-mx} ${-my})`;
}

/** A canonical point after the pose jitter, same maths as poseTransform. */
export function applyPose(factors: FaceFactors, [x, y]: Point): Point {
  const [mx, my] = eyeMidpoint();
  const { rotation, scale, dx, dy } = factors.pose;
  const a = (rotation * Math.PI) / 180;
  const ux = (x - mx) * scale;
  const uy = (y - my) * scale;
  return [mx + dx + ux * Math.cos(a) - uy * Math.sin(a), my + dy + ux * Math.sin(a) + uy * Math.cos(a)];
}

/**
 * The true 5 landmarks of the rendered image of side `size`, pixel-centre convention
 * (the drawing is offset by half a pixel so that canonical point p lands on pixel p * size / 128).
 */
export function faceLandmarks(factors: FaceFactors, size: number): FiveLandmarks {
  const g = faceGeometry(factors);
  const k = size / TEMPLATE_SIZE;
  const points = [g.eyes[0], g.eyes[1], g.nose, g.mouth[0], g.mouth[1]].map((p) => {
    const [x, y] = applyPose(factors, p);
    return [x * k, y * k] as const;
  });
  return points as unknown as FiveLandmarks;
}

function eyeMidpoint(): Point {
  const [leftEye, rightEye] = TEMPLATE_128;
  return [(leftEye[0] + rightEye[0]) / 2, (leftEye[1] + rightEye[1]) / 2];
}
