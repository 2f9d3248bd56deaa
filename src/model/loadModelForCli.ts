import { selectBackend } from '../backend/selectBackend.ts';
import { loadModel, type LoadedModel } from './loadModel.ts';

/** For the inference commands: picks the backend (logged on stderr), then loads the model directory. */
export async function loadModelForCli(dir: string | undefined): Promise<LoadedModel> {
  if (dir === undefined || dir === '') throw Object.assign(new Error('--model DIR is required'), { userFacing: true });
  await selectBackend();
  return loadModel(dir);
}
