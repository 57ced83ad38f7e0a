/** Display names of stage_times.stage: the one label map (labels.ts). */
export { stageLabel, stageShort } from '../../labels';
