import { MESH_EYE_CORNERS } from './constants.ts';

/**
 * Rough head yaw in degrees from FaceMesh's 3D points: the angle of the line between the outer eye
 * corners out of the image plane (z is FaceMesh's relative depth, in about the same units as x).
 * Sign: positive when the viewer-right eye is farther from the camera. A similarity transform
 * cannot align a profile onto the frontal template, so callers can warn above ~45 degrees.
 */
export function meshYaw(mesh: readonly { x: number; y: number; z?: number }[]): number {
  const a = mesh[MESH_EYE_CORNERS.left];
  const b = mesh[MESH_EYE_CORNERS.right];
  if (a === undefined || b === undefined) {
    throw new RangeError(`meshYaw: expected FaceMesh points ${MESH_EYE_CORNERS.left} and ${MESH_EYE_CORNERS.right}, but got ${mesh.length} points`);
  }
  const dz = (b.z ?? 0) - (a.z ?? 0);
  return (Math.atan2(dz, Math.hypot(b.x - a.x, b.y - a.y)) * 180) / Math.PI;
}
