import { FIVE_POINT_ORDER, MESH_FIVE_POINTS, MESH_POINT_COUNT } from './constants.ts';
import type { FivePoints, Point } from './types.ts';

/**
 * The five alignment points from 468 FaceMesh points (spec/face-pipeline.md): eye centres are the
 * mean of four eye-contour points, nose tip 1, mouth corners 61 and 291. "Left" is the viewer's left.
 */
export function fivePointsFromMesh(mesh: readonly { x: number; y: number }[]): FivePoints {
  if (mesh.length < MESH_POINT_COUNT) {
    throw new RangeError(`fivePointsFromMesh: expected ${MESH_POINT_COUNT} FaceMesh points, but got ${mesh.length}`);
  }
  const out = {} as Record<keyof FivePoints, Point>;
  for (const key of FIVE_POINT_ORDER) {
    const ids = MESH_FIVE_POINTS[key];
    let x = 0;
    let y = 0;
    for (const id of ids) {
      x += mesh[id].x;
      y += mesh[id].y;
    }
    out[key] = [x / ids.length, y / ids.length];
  }
  return out;
}
