/**
 * The SGD hyperparameters every training stage starts from, in one place.
 *
 * @module
 */

/**
 * Defaults shared by every stage (pre-training, the balanced fine-tunes,
 * post-training, classifier retraining, GML) and by the train loop and the
 * optimizer; a stage overrides only what differs (pre-training's 60 epochs,
 * a fine-tune's 30 epochs, lr 0.03 and mixup α). The values are the papers' where they agree:
 * lr 0.1 with a cosine schedule and no warm-up (BTM/MiSLAS `cos: True`),
 * momentum 0.9 (MiSLAS, BTM, cRT), weight decay 5e-4 (BTM/MiSLAS
 * ImageNet-LT and Places-LT), random crop and flip, batch 128 (MiSLAS
 * CIFAR; ImageNet-LT 256), 10 epochs (MiSLAS stage 2, cRT), run seed 0.
 */
export const SGD_STAGE_DEFAULTS = {
  epochs: 10,
  batchSize: 128,
  lr: 0.1,
  momentum: 0.9,
  weightDecay: 5e-4,
  schedule: "cosine",
  warmupEpochs: 0,
  augment: true,
  seed: 0,
} as const;
