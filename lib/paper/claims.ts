/**
 * The papers' claims, each in the paper's own words: a verbatim quote, the
 * file and line where it starts, the numbers the paper states in prose, and
 * a short summary in our words of what a reproduction has to test.
 *
 * Every quote is checked against the vendored text when this module loads
 * (see {@linkcode findQuote} for the matching rule: lines joined with one
 * space, nothing else changed), so a quote that drifts from the paper fails
 * loudly. The summaries (`claim`) are ours; where the paper's tables say
 * something its prose does not (or the opposite), the summary says so, and
 * tests/paper/claims_test.ts checks those statements against the tables.
 *
 * @module
 */

import { containsPrinted, parsePrintedNumber } from "./_printed_numbers.ts";
import { checkQuote, isPaperFile, type PaperCite } from "./paper_text.ts";
import { type PaperId, paperTable } from "./paper_tables.ts";

/** A verbatim passage and where it starts. */
export interface PaperQuote {
  /** The words exactly as in the text file (a quote spanning lines reads as those lines joined with one space). */
  quote: string;
  /** The file and the line where the quote starts. */
  cite: PaperCite;
}

/**
 * Unit of a number the paper states in prose: "percent" (as printed, 26.37
 * means 26.37 %), "fraction" (0.1 means 10 %), "count" (datasets, images,
 * classes, a batch size), "epochs", "pixels", or "number" (a dimensionless
 * setting such as a learning rate, a momentum, a weight, a temperature).
 */
export type PaperNumberUnit = "percent" | "fraction" | "count" | "epochs" | "pixels" | "number";

/** A number the paper states in the words of a claim. */
export interface PaperNumber {
  /** Key, unique within its claim, e.g. "fD.hMean". */
  name: string;
  /** What it is, in our words. */
  what: string;
  /** Its value, in `unit`. */
  value: number;
  /** Unit of `value`. */
  unit: PaperNumberUnit;
  /** The number exactly as printed in one of the claim's quotes ("26.37%", "5×10−4", "10^{-3}"). */
  printed: string;
}

/** One claim of a paper. */
export interface PaperClaim {
  /** Stable id, e.g. "btm-obs1". */
  id: string;
  /** The paper making it. */
  paper: PaperId;
  /** Where in the paper, as the paper labels it ("Section 3.2, Observation 1"). */
  where: string;
  /** Short summary in our words: what the paper claims, and what its own tables show where that differs. */
  claim: string;
  /** The paper's words (at most 320 characters). */
  quote: string;
  /** Where `quote` starts. */
  cite: PaperCite;
  /** Further passages the claim rests on (the same claim elsewhere, its numbers, its setting). */
  support?: PaperQuote[];
  /** Numbers the paper states for this claim, each printed in `quote` or a `support` quote. */
  paperNumbers?: PaperNumber[];
  /** Ids of the paper tables the claim is about (see {@linkcode paperTable}). */
  tables?: string[];
  /** Ids of claims of the same paper that say the opposite. */
  contradicts?: string[];
}

const B = "btm_paper.txt" as const;
const H = "btm_paper_with_supplement.txt" as const;
const G = "gml_paper.txt" as const;
const A = "gml_appendix.txt" as const;

const CLAIMS: PaperClaim[] = [
  // ---------------------------------------------------------------- BTM
  {
    id: "btm-abstract-balanced-accuracy",
    paper: "btm",
    where: "Abstract",
    claim:
      "Balanced undersampling gives a more equitable per-class accuracy with much higher H and G, but lower average accuracy. The abstract does not say lower than which model; Section 3.2 reports f^D 9.09% above f, and Table 5's balanced members (38.42-38.95) are above Stage1 (29.62) and below Stage2 (40.12).",
    quote:
      "But, we find that it produces a more equitable distribution of accuracy across categories with much higher harmonic and geometric mean accuracy, and, but lower average accuracy.",
    cite: { file: H, line: 9 },
    support: [{
      quote:
        "we find that it produces a more equitable dis- tribution of accuracy across categories",
      cite: { file: B, line: 14 },
    }],
    tables: ["table5"],
    contradicts: ["btm-obs1-accuracy"],
  },
  {
    id: "btm-abstract-merge",
    paper: "btm",
    where: "Abstract",
    claim:
      "Merging the balanced fine-tuned models costs nothing at inference and improves H and G while keeping average accuracy almost intact, compared with state-of-the-art methods.",
    quote:
      "Moreover, we devise a straightforward model ensemble strategy, which does not result in any additional overhead and achieves improved harmonic and geometric mean while keeping the average accuracy almost intact when compared to state-of-the-art long-tailed learning methods.",
    cite: { file: H, line: 9 },
    tables: ["table2", "table3", "table4"],
  },
  {
    id: "btm-harmonic-preferred",
    paper: "btm",
    where: "Section 1",
    claim:
      "The harmonic mean reflects the worst categories better than the geometric mean; BTM aims at both.",
    quote:
      "In this paper, we believe that compared to the geometric mean, the harmonic mean can better reflect the performance of the worst categories.",
    cite: { file: H, line: 17 },
  },
  {
    id: "btm-worked-example",
    paper: "btm",
    where: "Section 3.1",
    claim:
      "Worked example: per-class accuracies {0.1, 0.9} have arithmetic mean 0.5, geometric mean 0.3 and harmonic mean 0.18; the harmonic mean is the closest to the minimum, 0.1.",
    quote: "accuracy {x1, x2} = {0.1, 0.9}, its arithmetic mean is",
    cite: { file: B, line: 235 },
    support: [
      {
        quote: "= 0.5. While this result seems well, it has a minimum accuracy of 0.1",
        cite: { file: B, line: 238 },
      },
      { quote: "0.1× 0.9 = 0.3, the harmonic mean", cite: { file: B, line: 244 } },
      {
        quote:
          "= 0.18 is more sensitive to the low recall values and has smaller absolute value, which is closer to M−∞ = 0.1, the worst-case accuracy we want to maximize.",
        cite: { file: B, line: 254 },
      },
    ],
    paperNumbers: [
      {
        name: "x1",
        what: "the low per-class accuracy",
        value: 0.1,
        unit: "fraction",
        printed: "0.1",
      },
      {
        name: "x2",
        what: "the high per-class accuracy",
        value: 0.9,
        unit: "fraction",
        printed: "0.9",
      },
      {
        name: "arithmetic",
        what: "their arithmetic mean",
        value: 0.5,
        unit: "fraction",
        printed: "0.5",
      },
      {
        name: "geometric",
        what: "their geometric mean",
        value: 0.3,
        unit: "fraction",
        printed: "0.3",
      },
      {
        name: "harmonic",
        what: "their harmonic mean",
        value: 0.18,
        unit: "fraction",
        printed: "0.18",
      },
    ],
  },
  {
    id: "btm-obs-backbone",
    paper: "btm",
    where: "Section 3.2",
    claim:
      "The Observation 1-4 experiments start from a ResNet-50 trained with MiSLAS stage 1 on Places-LT. Section 4.1 says ResNet-152 on Places-LT, and the raw model's H and G (1.47, 15.22) are Table 5's Stage1 row: the paper names two backbones for one model.",
    quote:
      "Here we take the ResNet-50 [11] pre-trained with first stage MiSLAS in the Places-LT [21, 39] dataset as the original model f",
    cite: { file: B, line: 307 },
    tables: ["table5"],
    contradicts: ["btm-backbones"],
  },
  {
    id: "btm-obs1",
    paper: "btm",
    where: "Section 3.2, Observation 1",
    claim:
      "Fine-tuning the first-stage model f on one 5-shot balanced subset for 30 epochs (f^D) greatly raises H and G: H 1.47 → 26.37, G 15.22 → 32.98.",
    quote:
      "Observation 1 For the first-stage pre-trained model in long-tailed learning, fine-tuning with a few-shot balanced",
    cite: { file: B, line: 329 },
    support: [
      {
        quote:
          "For the first-stage pre-trained model in long-tailed learning, fine-tuning with a few-shot balanced dataset can highly improve the accuracy in the worst-performing categories.",
        cite: { file: H, line: 92 },
      },
      { quote: "mean of fD are 26.37% and 32.98%", cite: { file: B, line: 325 } },
      {
        quote: "higher than the raw model f (1.47% harmonic and 15.22% geometric mean)",
        cite: { file: B, line: 326 },
      },
      {
        quote:
          "randomly sample a 5-shot balanced dataset D from the training data. Then we fine-tune f using D for 30 epochs and obtain a model fD.",
        cite: { file: B, line: 309 },
      },
    ],
    paperNumbers: [
      {
        name: "f.hMean",
        what: "H-mean of the raw stage-1 model f",
        value: 1.47,
        unit: "percent",
        printed: "1.47%",
      },
      { name: "f.gMean", what: "G-mean of f", value: 15.22, unit: "percent", printed: "15.22%" },
      {
        name: "fD.hMean",
        what: "H-mean of f^D (f fine-tuned on the balanced subset D)",
        value: 26.37,
        unit: "percent",
        printed: "26.37%",
      },
      { name: "fD.gMean", what: "G-mean of f^D", value: 32.98, unit: "percent", printed: "32.98%" },
      { name: "shots", what: "images per class in D", value: 5, unit: "count", printed: "5" },
      { name: "epochs", what: "fine-tuning epochs on D", value: 30, unit: "epochs", printed: "30" },
    ],
    tables: ["table5"],
  },
  {
    id: "btm-obs1-accuracy",
    paper: "btm",
    where: "Section 3.2",
    claim:
      "f^D's average accuracy is 9.09% higher than f's (the text does not say points or relative: as points, f^D would be at 38.71 against Table 5's Stage1 29.62). This contradicts the abstract's 'lower average accuracy'.",
    quote:
      "The average accuracy of fD is 9.09% higher than f , and we do obtain dramatic improvement in terms of both harmonic and geometric mean",
    cite: { file: B, line: 353 },
    paperNumbers: [
      {
        name: "fD.accuracyGain",
        what: "how much higher f^D's average accuracy is than f's",
        value: 9.09,
        unit: "percent",
        printed: "9.09%",
      },
    ],
    tables: ["table5"],
    contradicts: ["btm-abstract-balanced-accuracy"],
  },
  {
    id: "btm-obs2",
    paper: "btm",
    where: "Section 3.2, Observation 2",
    claim:
      "H and G of the interpolations f^D_λ = λ·f^D + (1−λ)·f form smooth curves that decrease monotonically as λ decreases from 1 (f^D) to 0 (f). The paper defines no measure of smoothness: it shows the curves (Figure 1) only.",
    quote:
      "Observation 2 The harmonic and geometric mean of these interpolated models present smooth and monotonic curves.",
    cite: { file: B, line: 346 },
    support: [
      {
        quote:
          "Besides, we also find that with the decrease of λ, the harmonic and geometric mean of the interpolated model fD",
        cite: { file: B, line: 339 },
      },
      {
        quote: "show a monotonically decreasing trend, which indicates",
        cite: { file: B, line: 344 },
      },
    ],
  },
  {
    id: "btm-obs3",
    paper: "btm",
    where: "Section 3.2, Observation 3",
    claim:
      "Models fine-tuned on two different 5-shot balanced subsets, f^{D_A} and f^{D_B}, each have higher H and G than the model fine-tuned on their (no longer balanced) union D_A ∪ D_B; both are above the original f.",
    quote:
      "Observation 3 The harmonic and geometric mean of the original model fDA and fDB are both higher than the ones of fDA∪B .",
    cite: { file: B, line: 392 },
    support: [
      {
        quote:
          "the fine-tuned models fDA and fDB have higher harmonic and geometric means than the original model.",
        cite: { file: B, line: 387 },
      },
      { quote: "Note that DA∪B is no longer balanced.", cite: { file: B, line: 382 } },
      {
        quote: "we fine-tuned f on different 5-shot balanced datasets DA",
        cite: { file: B, line: 368 },
      },
    ],
  },
  {
    id: "btm-obs4",
    paper: "btm",
    where: "Section 3.2, Observation 4",
    claim:
      "Interpolating f^{D_A} and f^{D_B} with λ ≈ 0.5 gives higher H and G than both: at λ = 0.5, H 26.56 and G 33.53 against f^{D_A}'s 26.37 / 32.98 and f^{D_B}'s 15.54 / 26.37.",
    quote: "Observation 4 With appropriate λ (where λ = 0.5 seems good), the interpolated models f",
    cite: { file: B, line: 401 },
    support: [
      { quote: "have higher harmonic and geometric mean than both", cite: { file: H, line: 120 } },
      {
        quote:
          "λ↔B are 26.56% and 33.53%, which are higher than both those of fDA (26.37% and 32.98%) and fDB (15.54% and 26.37%).",
        cite: { file: B, line: 416 },
      },
    ],
    paperNumbers: [
      {
        name: "lambda",
        what: "the interpolation weight",
        value: 0.5,
        unit: "number",
        printed: "0.5",
      },
      {
        name: "mid.hMean",
        what: "H-mean of the λ = 0.5 interpolation",
        value: 26.56,
        unit: "percent",
        printed: "26.56%",
      },
      {
        name: "mid.gMean",
        what: "G-mean of the λ = 0.5 interpolation",
        value: 33.53,
        unit: "percent",
        printed: "33.53%",
      },
      {
        name: "fDA.hMean",
        what: "H-mean of f^{D_A}",
        value: 26.37,
        unit: "percent",
        printed: "26.37%",
      },
      {
        name: "fDA.gMean",
        what: "G-mean of f^{D_A}",
        value: 32.98,
        unit: "percent",
        printed: "32.98%",
      },
      {
        name: "fDB.hMean",
        what: "H-mean of f^{D_B}",
        value: 15.54,
        unit: "percent",
        printed: "15.54%",
      },
      {
        name: "fDB.gMean",
        what: "G-mean of f^{D_B} (printed equal to f^{D_A}'s H-mean)",
        value: 26.37,
        unit: "percent",
        printed: "26.37%",
      },
    ],
  },
  {
    id: "btm-pipeline",
    paper: "btm",
    where: "Section 3.3",
    claim:
      "BTM: pre-train without handling imbalance; fine-tune the whole model (backbone and classifier) on each of N_D balanced few-shot subsets and average the N_D models with weight 1/N_D each; then freeze the merged backbone and run the original second stage on the classifier.",
    quote:
      "Follow the original first-stage training strategy and directly train a model without handling imbalance (e.g., only minimizing the simple cross-entropy loss).",
    cite: { file: H, line: 132 },
    support: [
      {
        quote: "Fine-tune the whole model (including both backbone and classifier) on these",
        cite: { file: H, line: 134 },
      },
      {
        quote:
          "Freeze the backbone of the merged model, then follow the original second-stage training strategy and only fine-tune the classifier.",
        cite: { file: H, line: 136 },
      },
      { quote: "we directly set the weights of each model as 1/ND.", cite: { file: B, line: 460 } },
    ],
  },
  {
    id: "btm-fc-stage",
    paper: "btm",
    where: "Section 3.3",
    claim:
      "A method whose pre-train already handles imbalance (PaCo, GPaCo) first gets an 'FC' stage: its classifier re-trained with plain cross-entropy on all training data, before BTM.",
    quote:
      "if the pre-trained model in a long-tailed algorithm has already considered and handled the imbalance property, it is not suitable for BTM.",
    cite: { file: H, line: 140 },
    support: [{
      quote:
        "Use the cross-entropy loss to fine-tune only the classifier of the model on all training data.",
      cite: { file: H, line: 144 },
    }],
    tables: ["table13", "table14"],
  },
  {
    id: "btm-headline",
    paper: "btm",
    where: "Section 3.3",
    claim:
      "After post-train, BTM keeps higher H and G than the original pipeline with average accuracy almost intact. In Tables 2-4 every '+ BTM' row has higher H and G than its base method, and the largest accuracy drop is 0.96 points (GPaCo on Places-LT, 41.68 → 40.72).",
    quote:
      "Later, we will further show that after the second BTM stage, stage 3 (post-train after BTM) still maintains higher harmonic and geometric mean than the original training pipeline.",
    cite: { file: H, line: 138 },
    support: [
      {
        quote:
          "Later we will show that in various state-of-the-art long-tail recognition algorithms, BTM can greatly increase harmonic and geometric mean while maintaining similar arithmetic mean accuracy.",
        cite: { file: H, line: 148 },
      },
      {
        quote:
          "BTM consistently achieves notable and stable improvements in both harmonic and geometric mean accuracy, while maintaining comparable average accuracy.",
        cite: { file: H, line: 278 },
      },
      {
        quote:
          "though our BTM will substantially increase harmonic and geometric mean, it will slightly decrease arithmetic accuracy in some scenarios.",
        cite: { file: H, line: 280 },
      },
    ],
    tables: ["table2", "table3", "table4"],
  },
  {
    id: "btm-table2",
    paper: "btm",
    where: "Section 4.2, Places-LT",
    claim:
      "On Places-LT, BTM lifts GPaCo's H from 10.93 to 29.36 (+18.43) at under 1 point of accuracy, and MiSLAS's accuracy even rises with H and G; the lowest recall improves too.",
    quote:
      "Applying our method on GPaCo boosts the harmonic mean from 10.93% to 29.36% (+18.43%) while accuracy is slightly reduced by less than 1%. For MiSLAS, the conventional accuracy even increases along with harmonic and geometric mean.",
    cite: { file: H, line: 174 },
    support: [{
      quote:
        "We also list the target objective (worst category’s accuracy) in the ‘L-Recall’ column, where BTM shows clear advantages, too.",
      cite: { file: H, line: 174 },
    }],
    paperNumbers: [
      {
        name: "gpaco.hMean",
        what: "GPaCo's H-mean",
        value: 10.93,
        unit: "percent",
        printed: "10.93%",
      },
      {
        name: "gpacoBtm.hMean",
        what: "GPaCo + BTM's H-mean",
        value: 29.36,
        unit: "percent",
        printed: "29.36%",
      },
      {
        name: "gpaco.hMeanGain",
        what: "the H-mean gain",
        value: 18.43,
        unit: "percent",
        printed: "+18.43%",
      },
      {
        name: "gpaco.maxAccuracyDrop",
        what: "bound on GPaCo's accuracy drop",
        value: 1,
        unit: "percent",
        printed: "1%",
      },
    ],
    tables: ["table2"],
  },
  {
    id: "btm-table3",
    paper: "btm",
    where: "Section 4.2, ImageNet-LT",
    claim:
      "On ImageNet-LT, BTM raises H and G of PaCo and MiSLAS (H +1.10 and +3.43, G +0.16 and +0.07) with accuracy almost unchanged.",
    quote:
      "When adding our BTM to PaCo and MiSLAS, we improved the harmonic and geometric mean while the overall accuracy remained almost unchanged. In particular, we improved the harmonic mean (+1.10% and +3.43%) more than the geometric mean (+0.16% and +0.07%).",
    cite: { file: H, line: 205 },
    paperNumbers: [
      {
        name: "paco.hMeanGain",
        what: "PaCo's H-mean gain",
        value: 1.1,
        unit: "percent",
        printed: "+1.10%",
      },
      {
        name: "mislas.hMeanGain",
        what: "MiSLAS's H-mean gain",
        value: 3.43,
        unit: "percent",
        printed: "+3.43%",
      },
      {
        name: "paco.gMeanGain",
        what: "PaCo's G-mean gain",
        value: 0.16,
        unit: "percent",
        printed: "+0.16%",
      },
      {
        name: "mislas.gMeanGain",
        what: "MiSLAS's G-mean gain",
        value: 0.07,
        unit: "percent",
        printed: "+0.07%",
      },
    ],
    tables: ["table3"],
  },
  {
    id: "btm-table4",
    paper: "btm",
    where: "Section 4.2, iNaturalist2018",
    claim:
      "On iNaturalist2018, BTM leaves MiSLAS's accuracy almost unchanged and raises H by 0.15 and G by 0.75.",
    quote: "The average accuracy with applying BTM remains almost unchanged.",
    cite: { file: H, line: 245 },
    support: [{
      quote: "Nevertheless, we also obtain 0.15% and 0.75% improvements, respectively.",
      cite: { file: H, line: 245 },
    }],
    paperNumbers: [
      {
        name: "hMeanGain",
        what: "the H-mean gain",
        value: 0.15,
        unit: "percent",
        printed: "0.15%",
      },
      {
        name: "gMeanGain",
        what: "the G-mean gain",
        value: 0.75,
        unit: "percent",
        printed: "0.75%",
      },
    ],
    tables: ["table4"],
  },
  {
    id: "btm-lowest-recall-zero",
    paper: "btm",
    where: "Section 4.2; Section 5",
    claim:
      "On ImageNet-LT and iNaturalist2018 the lowest recall is zero for every algorithm, BTM included, so the tables omit it there.",
    quote:
      "Note that we do not report the lowest recall in both ImageNet-LT and iNaturalist2018 datasets, because their lowest recall is zero across all algorithms.",
    cite: { file: H, line: 172 },
    support: [{
      quote:
        "we observed that for some large long-tailed datasets such as ImageNet and iNaturalist2018, the minimum recall remains zero even with the help of BTM.",
      cite: { file: H, line: 280 },
    }],
    tables: ["table3", "table4", "table11", "table12", "table13"],
  },
  {
    id: "btm-zero-floor",
    paper: "btm",
    where: "Section 4.2",
    claim:
      "A class with zero accuracy counts as 10⁻³ in the H- and G-mean (otherwise they would be zero); only exact zeros are replaced. The scale is not stated; our inference: on fractions, since Table 2's CE has a zero-recall class and H 0.73, which a 10⁻³ % floor would cap at 0.365 (365 classes).",
    quote:
      "In particular, for categories that have zero accuracy, we substitute it with a small number (10−3) otherwise the harmonic and geomet- ric mean will be zero.",
    cite: { file: B, line: 576 },
    paperNumbers: [
      {
        name: "floor",
        what: "the value substituted for a zero accuracy",
        value: 0.001,
        unit: "fraction",
        printed: "10−3",
      },
    ],
    tables: ["table2", "table3", "table4", "table5", "table6", "table7", "table8", "table9"],
  },
  {
    id: "btm-backbones",
    paper: "btm",
    where: "Section 4.1",
    claim:
      "Backbones: ResNet-152 on Places-LT, ResNeXt-50 or ResNet-50 on ImageNet-LT, ResNet-50 on iNaturalist2018 (but see btm-obs-backbone for Places-LT).",
    quote:
      "Following previous work\u00a0[21, 38], we use ResNet-152\u00a0[11] on Places-LT, ResNeXt-50\u00a0[33] or ResNet-50 on ImageNet-LT and ResNet-50 on iNaturalist2018.",
    cite: { file: H, line: 166 },
    contradicts: ["btm-obs-backbone"],
  },
  {
    id: "btm-settings-schedule",
    paper: "btm",
    where: "Section 4.1",
    claim:
      "With MiSLAS, BTM fine-tunes for 30 epochs, then post-train follows MiSLAS's second stage for 10 epochs on the classifier.",
    quote:
      "We first train our model 30 epochs in the BTM stage. After that, we follow the original second-stage training strategy in the MiSLAS and fine-tune the classifier 10 epochs in the ‘Post-train’ stage.",
    cite: { file: H, line: 168 },
    paperNumbers: [
      {
        name: "btmEpochs",
        what: "epochs of each balanced fine-tune",
        value: 30,
        unit: "epochs",
        printed: "30",
      },
      {
        name: "postTrainEpochs",
        what: "epochs of the post-train (MiSLAS stage 2)",
        value: 10,
        unit: "epochs",
        printed: "10",
      },
    ],
  },
  {
    id: "btm-settings-finetune",
    paper: "btm",
    where: "Appendix A, MiSLAS",
    claim:
      "BTM fine-tune with MiSLAS: stage-1 augmentation (resize shorter side to 256, random 224×224 crop or its flip, colour jitter, mixup α = 0.2), batch 256, SGD momentum 0.9, weight decay 5×10⁻⁴, initial lr 5×10⁻³ (Places-LT), 1×10⁻³ (ImageNet-LT), 5×10⁻⁴ (iNaturalist2018), cosine schedule, plain cross-entropy.",
    quote:
      "we follow the data augmentation strategy of the ‘Pre-train’ stage, i.e., we resize the image by setting the shorter side to 256 and then take a random crop of",
    cite: { file: H, line: 333 },
    support: [
      {
        quote: "take a random crop of 224 × 224 from it or its horizontal flip.",
        cite: { file: B, line: 918 },
      },
      {
        quote: "Besides, color jittering and mixup\u00a0[35] are also applied.",
        cite: { file: H, line: 333 },
      },
      {
        quote: "We set the α of mixup as 0.2 and batch size as 256.",
        cite: { file: B, line: 920 },
      },
      {
        quote: "set the momentum and weight decay as 0.9 and 5×10−4.",
        cite: { file: B, line: 922 },
      },
      {
        quote:
          "The initial learning rate is 5×10−3, 1×10−3 and 5× 10−4 for Places-LT, ImageNet-LT and iNaturalist2018, respectively.",
        cite: { file: B, line: 923 },
      },
      {
        quote: "The cosine learning rate schedule and traditional cross-entropy loss are used.",
        cite: { file: H, line: 333 },
      },
    ],
    paperNumbers: [
      {
        name: "shorterSide",
        what: "resize: shorter side",
        value: 256,
        unit: "pixels",
        printed: "256",
      },
      { name: "crop", what: "random crop side", value: 224, unit: "pixels", printed: "224" },
      { name: "mixupAlpha", what: "mixup α", value: 0.2, unit: "number", printed: "0.2" },
      { name: "batchSize", what: "batch size", value: 256, unit: "count", printed: "256" },
      { name: "momentum", what: "SGD momentum", value: 0.9, unit: "number", printed: "0.9" },
      { name: "weightDecay", what: "weight decay", value: 5e-4, unit: "number", printed: "5×10−4" },
      {
        name: "lr.placesLT",
        what: "initial learning rate on Places-LT",
        value: 5e-3,
        unit: "number",
        printed: "5×10−3",
      },
      {
        name: "lr.imageNetLT",
        what: "initial learning rate on ImageNet-LT",
        value: 1e-3,
        unit: "number",
        printed: "1×10−3",
      },
      {
        name: "lr.iNaturalist2018",
        what: "initial learning rate on iNaturalist2018",
        value: 5e-4,
        unit: "number",
        printed: "5× 10−4",
      },
    ],
  },
  {
    id: "btm-settings-paco",
    paper: "btm",
    where: "Section 4.1; Appendix A, PaCo/GPaCo",
    claim:
      "PaCo on ImageNet-LT: FC stage 10 epochs at lr 0.1, BTM fine-tune 30 epochs at lr 1×10⁻⁵, post-train 40 epochs of the classifier with re-weighting, re-sampling and the label-aware smoothing loss, cosine schedule.",
    quote:
      "In the FC stage, the initial learning rate is 0.1. And then we set the initial learning rate as 1×10−5 in the BTM stage.",
    cite: { file: B, line: 934 },
    support: [
      {
        quote:
          "For GPaCo on Places-LT and PaCo on ImageNet-LT, we first re-train the classifier for 10 epochs with all training data in the ‘FC’ stage.",
        cite: { file: H, line: 168 },
      },
      {
        quote:
          "In the final ‘Post-train’ stage, we apply the re-weighting and re-sampling training strategy. The loss function is label-aware smoothing loss and we train the classifier 40 epochs with a cosine learning rate schedule.",
        cite: { file: H, line: 335 },
      },
    ],
    paperNumbers: [
      {
        name: "fcEpochs",
        what: "epochs of the FC stage",
        value: 10,
        unit: "epochs",
        printed: "10",
      },
      {
        name: "fcLr",
        what: "initial learning rate of the FC stage",
        value: 0.1,
        unit: "number",
        printed: "0.1",
      },
      {
        name: "btmLr",
        what: "initial learning rate of the BTM fine-tune",
        value: 1e-5,
        unit: "number",
        printed: "1×10−5",
      },
      {
        name: "postTrainEpochs",
        what: "epochs of the post-train",
        value: 40,
        unit: "epochs",
        printed: "40",
      },
    ],
    tables: ["table13"],
  },
  {
    id: "btm-settings-gpaco",
    paper: "btm",
    where: "Appendix A, PaCo/GPaCo",
    claim:
      "GPaCo on Places-LT: FC stage as MiSLAS's first stage on Places-LT, BTM fine-tune the same with lr 1×10⁻³, post-train as MiSLAS's second stage on Places-LT.",
    quote:
      "For GPaCo on Places-LT, the training setting is the same as the first stage training of MiSLAS on Places-LT.",
    cite: { file: H, line: 335 },
    support: [
      {
        quote:
          "For the BTM stage, we change the initial learning rate to 1×10−3 and everything else stays the same as the previous stage.",
        cite: { file: B, line: 942 },
      },
      {
        quote:
          "In the final ‘Post-train’ stage, the training setting is the same as the second stage of MiSLAS on Places-LT.",
        cite: { file: H, line: 335 },
      },
    ],
    paperNumbers: [
      {
        name: "btmLr",
        what: "initial learning rate of the BTM fine-tune",
        value: 1e-3,
        unit: "number",
        printed: "1×10−3",
      },
    ],
    tables: ["table14"],
  },
  {
    id: "btm-table5-members-beat-stage1",
    paper: "btm",
    where: "Section 4.3, Table 5",
    claim:
      "Every balanced fine-tuned member has higher H and G than the first-stage model (Table 5: members' H 15.31-25.79 and G 32.64-33.30 against Stage1's 1.47 and 15.22).",
    quote:
      "It can be seen that compared with the first-stage pre-trained model, each model of balanced training has higher harmonic and geometric mean",
    cite: { file: H, line: 266 },
    tables: ["table5", "table11", "table12"],
  },
  {
    id: "btm-table5-merge-improves",
    paper: "btm",
    where: "Section 4.3, Table 5",
    claim:
      "Merging the members improves on them: in Table 5 the merge's H and G (26.34, 34.26) are above every member's.",
    quote: "and the merging strategy has further improved the results.",
    cite: { file: H, line: 266 },
    tables: ["table5"],
  },
  {
    id: "btm-table5-post-train-even",
    paper: "btm",
    where: "Section 4.3, Table 5",
    claim:
      "After post-train the final model's accuracy is more evenly spread than the original model's: Table 5's Post-train has H 29.80, G 35.60, lowest recall 4.00 against Stage2 (MiSLAS) 28.75, 35.30, 3.00.",
    quote:
      "After post-training, the accuracy of our final model produces a more even distribution of accuracy than the original model.",
    cite: { file: H, line: 266 },
    tables: ["table5"],
  },
  {
    id: "btm-tables11-14",
    paper: "btm",
    where: "Appendix C, Tables 11-14",
    claim:
      "Tables 11-14 (MiSLAS on ImageNet-LT and iNaturalist2018; PaCo on ImageNet-LT; GPaCo on Places-LT) support Table 5's conclusions. They do on G, and on H for MiSLAS; but on H the merge beats only 7 of 10 PaCo members (Table 13: 11.52 vs 7.87-16.55) and 6 of 10 GPaCo members (Table 14: 10.61 vs 8.18-20.49). PaCo/GPaCo members beat the FC model they start from, not the Pre-train row on G.",
    quote: "We can still come to similar conclusions.",
    cite: { file: H, line: 350 },
    tables: ["table11", "table12", "table13", "table14"],
  },
  {
    id: "btm-table6-before-post-train",
    paper: "btm",
    where: "Section 4.3, Table 6",
    claim:
      "Right after merging, the adaptive-ratio and greedy-soup merges score higher H and G than plain averaging (Table 6; the adaptive G-mean ratio only ties averaging's H, 26.34).",
    quote:
      "It can be seen that after merging, these strategies of adaptively adjusting the ratios and models can achieve higher harmonic and geometric mean than direct average merging.",
    cite: { file: H, line: 268 },
    tables: ["table6"],
  },
  {
    id: "btm-table6-after-post-train",
    paper: "btm",
    where: "Section 4.3, Table 6",
    claim:
      "After post-train, plain averaging has the highest H and G of the five merges (29.80 / 35.60).",
    quote:
      "But after post-training, these temporary small advantages are quickly wiped out. The simplest average merging strategy achieves the highest harmonic and geometric mean instead.",
    cite: { file: H, line: 268 },
    tables: ["table6"],
  },
  {
    id: "btm-table7-nd",
    paper: "btm",
    where: "Section 4.3, Table 7",
    claim:
      "With N_C = 10, performance first improves as N_D grows, then drops sharply at N_D = 20 (Table 7 H: 28.43, 29.11, 28.20, 29.80, 15.17 for N_D = 2, 4, 8, 10, 20; not monotone before the drop).",
    quote:
      "when we fix NC = 10, the performance can be improved at the beginning when we increase ND but later drops significantly when we set ND = 20.",
    cite: { file: B, line: 822 },
    paperNumbers: [
      { name: "nC", what: "N_C held fixed", value: 10, unit: "count", printed: "10" },
      {
        name: "nDDrop",
        what: "the N_D where performance drops",
        value: 20,
        unit: "count",
        printed: "20",
      },
    ],
    tables: ["table7"],
  },
  {
    id: "btm-table7-nc",
    paper: "btm",
    where: "Section 4.3, Table 7",
    claim:
      "With N_D = 10, changing N_C changes performance little (Table 7 H: 28.48, 29.80, 29.59 for N_C = 5, 10, 20).",
    quote:
      "On the other hand, when we fix ND = 10 and vary NC , the performance does not change much.",
    cite: { file: B, line: 828 },
    paperNumbers: [
      { name: "nD", what: "N_D held fixed", value: 10, unit: "count", printed: "10" },
    ],
    tables: ["table7"],
  },
  {
    id: "btm-table7-default",
    paper: "btm",
    where: "Section 4.3",
    claim:
      "The default is N_D = 10 subsets of N_C = 10 images per class, used in every experiment.",
    quote:
      "ND = 10 and NC = 10 seem to be a good choice in the Places-LT dataset. For simplicity, we follow this setting across all experiments.",
    cite: { file: B, line: 830 },
    support: [{
      quote:
        "we randomly sample 10 few-shot datasets to perform the balanced training. And for each dataset, all categories have 10 training images so the sampled dataset is balanced.",
      cite: { file: H, line: 270 },
    }],
    paperNumbers: [
      {
        name: "nD",
        what: "number of balanced few-shot subsets",
        value: 10,
        unit: "count",
        printed: "10",
      },
      {
        name: "nC",
        what: "training images per class in each subset",
        value: 10,
        unit: "count",
        printed: "10",
      },
    ],
    tables: ["table7"],
  },
  {
    id: "btm-table8-whole-model",
    paper: "btm",
    where: "Section 4.3, Table 8",
    claim:
      "Fine-tuning only the backbone or only the classifier also helps, but less than fine-tuning the whole model. Table 8 bears this out between stages 1 and 2 only: after stage 2 the whole model has the lowest H (28.49), and the first single-part row's G between the stages (35.19) is below MiSLAS's 35.30 (Table 2). Which single-part row is which is not recoverable from the extracts (see table8's notes).",
    quote:
      "As we can see from the table, fine-tuning either the backbone or classifier can both improve the harmonic and geometric mean of per-class accuracy, but the final results are inferior to fine-tuning the whole model.",
    cite: { file: H, line: 272 },
    tables: ["table8"],
  },
  {
    id: "btm-table8-when",
    paper: "btm",
    where: "Section 4.3, Table 8",
    claim:
      "Balanced training between stages 1 and 2 beats balanced training after stage 2 (Table 8: for each of the three variants, H and G are higher between the stages, except G of the first single-part row, 35.19 vs 35.40).",
    quote:
      "As for when to perform the balanced training, from the table we can see that adding the balanced training after the second stage achieves inferior performance compared to adding it between the first and second stage.",
    cite: { file: H, line: 272 },
    tables: ["table8"],
  },
  {
    id: "btm-table9-gml-vs-btm",
    paper: "btm",
    where: "Section 4.3, Table 9",
    claim:
      "On Places-LT with MiSLAS, GML in post-train raises H but costs accuracy (40.12 → 39.68); BTM barely touches accuracy (40.25).",
    quote:
      "As we can see from this table, although GML can improve the harmonic mean, there is a noticeable drop in accuracy. BTM, on the other hand, does little harm to the overall accuracy.",
    cite: { file: H, line: 274 },
    tables: ["table9"],
  },
  {
    id: "btm-table9-combined",
    paper: "btm",
    where: "Section 4.3, Table 9",
    claim:
      "BTM + GML has a higher H than GML alone (and the highest H of Table 9, 29.90); BTM alone keeps the higher G (35.60 vs 35.39).",
    quote:
      "Furthermore, compared to using GML alone, combing our method with GML can further improve the harmonic mean, and our BTM even achieves a higher geometric mean.",
    cite: { file: H, line: 274 },
    tables: ["table9"],
  },
  {
    id: "btm-table10",
    paper: "btm",
    where: "Appendix B, Table 10",
    claim:
      "On ImageNet-LT with PaCo, GML costs accuracy (58.32 → 55.61) while BTM barely does. The text says GML improves H and G; its Table 10 shows G falling (51.29 → 50.77).",
    quote:
      "As we can see from this table, although GML can improve the harmonic and geometric mean, there is a noticeable drop in accuracy. Our method, on the other hand, does little harm to the overall accuracy.",
    cite: { file: H, line: 339 },
    tables: ["table10"],
  },
  {
    id: "btm-table10-combined",
    paper: "btm",
    where: "Appendix B, Table 10",
    claim:
      "PaCo + BTM + GML beats PaCo + GML on H, G and accuracy (31.26 / 51.44 / 56.33 vs 31.06 / 50.77 / 55.61).",
    quote:
      "Furthermore, compared to using GML alone, combing our method with GML can further improve the harmonic and geometric mean, as well as the overall accuracy.",
    cite: { file: H, line: 339 },
    tables: ["table10"],
  },
  {
    id: "btm-figure3",
    paper: "btm",
    where: "Appendix D, Figure 3",
    claim:
      "The final BTM model's per-class recall is more uniform than MiSLAS's (the two-stage baseline, Figure 3b), which raises the worst classes and the H-mean; Figure 3a shows the change from balanced training and merging. The paper prints no Figure 3 numbers.",
    quote:
      "As we can see from these two figures, our proposed balanced training makes the distribution of per-class accuracy more uniform, thus improves the worst categories and leads to a higher harmonic mean.",
    cite: { file: H, line: 419 },
    support: [
      {
        quote:
          "((a)) shows that by performing balanced training on our sampled few-shot datasets and later merging all models together, we are able to greatly improve the performance of the model.",
        cite: { file: B, line: 1093 },
      },
      {
        quote: "((b)) is the comparison of per-class accuracy between our final model and MiSLAS.",
        cite: { file: B, line: 1094 },
      },
    ],
  },
  // ---------------------------------------------------------------- GML
  {
    id: "gml-abstract",
    paper: "gml",
    where: "Abstract",
    claim:
      "Re-training the classifier with GML, plus an optional ensemble of the two classifiers, makes per-class recall more uniform: higher H with average accuracy still high.",
    quote:
      "we achieve a more uniform distribution of recall values across categories, which leads to a higher harmonic mean accuracy while the (arithmetic) average accuracy is still high.",
    cite: { file: G, line: 14 },
  },
  {
    id: "gml-harmonic-objective",
    paper: "gml",
    where: "Section 1",
    claim:
      "The harmonic mean of per-class recall is the better objective; being hard to optimise, GML maximises the geometric mean as a surrogate.",
    quote:
      "Hence, to improve even the worst-performing categories, we believe the harmonic mean of per-class recall would be a better objective.",
    cite: { file: G, line: 42 },
    support: [{
      quote:
        "However, it is difficult to directly minimize the harmonic mean. We therefore propose a novel loss function that maximizes the geometric mean instead, which can be viewed as a surrogate.",
      cite: { file: G, line: 44 },
    }],
  },
  {
    id: "gml-worked-example",
    paper: "gml",
    where: "Section 3.3",
    claim:
      "Worked example: recalls {0.01, 0.99} have arithmetic mean 0.5, H-mean 0.02 and G-mean 0.10.",
    quote:
      "As an illustration,  $\\frac{0.01+0.99}{2} = 0.5$ ,  $\\text{HM}(0.01, 0.99) = 0.02$ , and  $\\text{GM}(0.01, 0.99) = 0.10$ .",
    cite: { file: G, line: 115 },
    paperNumbers: [
      {
        name: "arithmetic",
        what: "arithmetic mean of {0.01, 0.99}",
        value: 0.5,
        unit: "fraction",
        printed: "0.5",
      },
      { name: "harmonic", what: "harmonic mean", value: 0.02, unit: "fraction", printed: "0.02" },
      { name: "geometric", what: "geometric mean", value: 0.1, unit: "fraction", printed: "0.10" },
    ],
  },
  {
    id: "gml-table1-lowest-recall",
    paper: "gml",
    where: "Section 1, Table 1",
    claim:
      "Across recent methods the mean accuracy rose (BSCE 42.24 → PaCo 51.24 on CIFAR100-LT) while the lowest per-class recall stayed at 2-5.",
    quote:
      "We also find that despite the rapid developments in this community, no obvious improvement over the lowest per-class recall is witnessed in the past few years [4, 12, 22, 26, 30], as is shown in Tab. 1.",
    cite: { file: G, line: 40 },
    support: [{
      quote:
        "Although there are rapid improvements over the mean accuracy, the lowest per-class recall remains very low.",
      cite: { file: G, line: 32 },
    }],
    tables: ["gml-table1"],
  },
  {
    id: "gml-plug-in",
    paper: "gml",
    where: "Section 3.2; Algorithm 1",
    claim:
      "GML is a plug-in: take a model trained by any method, freeze its backbone, re-initialize the last FC layer and re-train it with L_GML.",
    quote:
      "Given a model trained using either one of existing methods, we re-initialize the last FC layer and re-train it using our proposed loss function while the backbone is frozen.",
    cite: { file: G, line: 87 },
    support: [
      {
        quote: "Freeze the backbone and re-initialize the classifier.",
        cite: { file: G, line: 187 },
      },
      {
        quote:
          "Since we re-initialize the classifier during fine-tuning and the backbone is kept frozen, the old classifier is still usable during inference.",
        cite: { file: G, line: 140 },
      },
    ],
  },
  {
    id: "gml-loss",
    paper: "gml",
    where: "Section 3.2, Eqs. (1)-(3)",
    claim:
      "L_GML = −(1/C) Σ_c log p̄_c, where p̄_c averages, over the mini-batch's class-c samples, the true-class probability re-weighted by the training counts (p̃_j ∝ N_j·exp(o_j)); the log is taken after the mean. Eq. (1) divides by C; the text does not say what a class absent from the batch contributes.",
    quote:
      "$$\\mathcal{L}_{\\text{GML}} = -\\frac{1}{C} \\sum_{c=1}^C \\log \\bar{\\mathbf{p}}_c, \\quad (1)$$",
    cite: { file: G, line: 91 },
    support: [
      {
        quote:
          "which is the average of  $\\tilde{\\mathbf{p}}_{y^i}^i$  across all training samples belonging to class  $c$  in this mini-batch, and  $N_c$  is the number of examples from this category in the mini-batch.",
        cite: { file: G, line: 97 },
      },
      {
        quote:
          "$$\\tilde{\\mathbf{p}}_j^i = \\frac{N_j \\exp(o_j^i)}{\\sum_{c=1}^C N_c \\exp(o_c^i)}. \\quad (3)$$",
        cite: { file: G, line: 99 },
      },
      {
        quote:
          "So, by minimizing  $\\mathcal{L}_{\\text{GML}}$ , we are effectively maximizing the geometric mean of per-class recall",
        cite: { file: G, line: 134 },
      },
    ],
  },
  {
    id: "gml-ensemble",
    paper: "gml",
    where: "Section 3.4, Eqs. (11)-(13)",
    claim:
      "Optional ensemble: average the softmax of the old and the new classifier, each with its own temperature; poorly calibrated models (e.g. the CE baseline) need the temperatures set by hand.",
    quote:
      "$$\\tilde{\\mathbf{p}}_{\\text{ensembled}} = \\frac{\\tilde{\\mathbf{p}}_{\\text{new}} + \\tilde{\\mathbf{p}}_{\\text{old}}}{2}. \\quad (11)$$",
    cite: { file: G, line: 142 },
    support: [
      {
        quote:
          "In practice, since the calibration of some models can be poor [8, 30] (e.g., the baseline using cross entropy), we need to manually calibrate the prediction before combining them.",
        cite: { file: G, line: 144 },
      },
      {
        quote:
          "$$\\tilde{\\mathbf{p}}_{\\text{new}} = \\text{softmax} \\left( \\frac{\\mathbf{o}_{\\text{new}}}{t_{\\text{new}}} \\right), \\quad (12)$$",
        cite: { file: G, line: 148 },
      },
    ],
  },
  {
    id: "gml-temperatures",
    paper: "gml",
    where: "Sections 3.4 and 4.5.1",
    claim:
      "On CIFAR100-LT both temperatures are 1. They are the method's only hyper-parameters, need no training to tune, and may need tuning per method because calibration varies; the paper does not say on which data they are tuned.",
    quote: "In our experiments on CIFAR100-LT, we set  $t_{old} = 1$  and  $t_{new} = 1$ .",
    cite: { file: G, line: 304 },
    support: [
      {
        quote:
          "for different methods, we may need to tune them respectively because the calibrations of different methods are known to vary a lot in long-tailed recognition problems [30].",
        cite: { file: G, line: 322 },
      },
      {
        quote:
          "The two temperature variables are the only two hyper-parameters introduced by our method, and they can be easily tuned as no training is required.",
        cite: { file: G, line: 154 },
      },
    ],
    paperNumbers: [
      {
        name: "tOld",
        what: "temperature of the old classifier on CIFAR100-LT",
        value: 1,
        unit: "number",
        printed: "1",
      },
      {
        name: "tNew",
        what: "temperature of the new classifier on CIFAR100-LT",
        value: 1,
        unit: "number",
        printed: "1",
      },
    ],
    tables: ["gml-table7"],
  },
  {
    id: "gml-table7-temperatures",
    paper: "gml",
    where: "Section 4.5.1, Table 7",
    claim:
      "t_old matters little while a higher t_new hurts the lowest recall (Table 7, PaCo + GML ensemble: lowest recall 15, 8, 5 for t_new = 1, 2, 3 at t_old = 1).",
    quote:
      "the value of  $t_{old}$  does not affect the result much while  $t_{new}$  is somewhat important, especially for improving the lowest recall—higher  $t_{new}$  will hurt it.",
    cite: { file: G, line: 304 },
    tables: ["gml-table7"],
  },
  {
    id: "gml-table3",
    paper: "gml",
    where: "Section 4.4.1, Table 3",
    claim:
      "On CIFAR100-LT, GML raises the lowest recall of CE from 0 to 6 and of PaCo from 5 to 9; with the ensemble, PaCo's reaches 15 with the best G and H, accuracy roughly unchanged (51.24 → 49.82).",
    quote:
      "When our method is applied to CE and PaCo, we are able to improve the lowest recall from 0.00 and 5.00 to 6.00 and 9.00 respectively.",
    cite: { file: G, line: 214 },
    support: [
      {
        quote:
          "And if we further apply our proposed ensemble trick, we are able to improve the lowest recall to 15.00, achieving state-of-the-art performance in both geometric mean and harmonic mean while keeping the overall accuracy roughly unchanged.",
        cite: { file: G, line: 214 },
      },
      {
        quote:
          "It is worth noting that even the simplest CE+GML outperforms all existing methods in terms of lowest recall",
        cite: { file: G, line: 216 },
      },
    ],
    paperNumbers: [
      {
        name: "ce.lowestRecall",
        what: "CE's lowest recall",
        value: 0,
        unit: "percent",
        printed: "0.00",
      },
      {
        name: "paco.lowestRecall",
        what: "PaCo's lowest recall",
        value: 5,
        unit: "percent",
        printed: "5.00",
      },
      {
        name: "ceGml.lowestRecall",
        what: "CE + GML's lowest recall",
        value: 6,
        unit: "percent",
        printed: "6.00",
      },
      {
        name: "pacoGml.lowestRecall",
        what: "PaCo + GML's lowest recall",
        value: 9,
        unit: "percent",
        printed: "9.00",
      },
      {
        name: "ensemble.lowestRecall",
        what: "PaCo + GML (Ensemble)'s lowest recall",
        value: 15,
        unit: "percent",
        printed: "15.00",
      },
    ],
    tables: ["gml-table3"],
  },
  {
    id: "gml-table4",
    paper: "gml",
    where: "Section 4.4.2, Table 4",
    claim:
      "On ImageNet-LT every baseline has a zero-recall class; with GML every class has nonzero recall (lowest recall 2), even CE + GML.",
    quote:
      "All categories have per-class recall higher than 0 when our method is used, even in the simplest CE+GML.",
    cite: { file: G, line: 252 },
    tables: ["gml-table4"],
  },
  {
    id: "gml-table5",
    paper: "gml",
    where: "Section 4.4.2, Table 5",
    claim:
      "On Places-LT, GML improves the lowest recall and the H-mean of MiSLAS and CE, and the ensemble sets the best results. Table 5 shows CE + GML's lowest recall still 0.00 (H 0.73 → 8.00); MiSLAS's goes 3 → 5.",
    quote:
      "Again, our method successfully improves the lowest recall, as well as the harmonic mean of per-class recall. And when the ensemble trick is further applied, we are able to achieve new state-of-the-art results.",
    cite: { file: G, line: 254 },
    tables: ["gml-table5"],
  },
  {
    id: "gml-universality",
    paper: "gml",
    where: "Section 4.4.3, Table 6; Section 5",
    claim:
      "GML (no ensemble) improves every base method of Table 6 (CE, BSCE, MiSLAS, PaCo) on G, H and lowest recall. The paper names DiVE (not in Table 6) and, in Section 5, BSCE as methods it does not cope well with, though Table 6 shows BSCE + GML raising H by 4.64.",
    quote:
      "As we can see, our method is applicable to various different methods, and is able to achieve consistent improvements.",
    cite: { file: G, line: 260 },
    support: [
      { quote: "Note that here we do not perform any ensemble.", cite: { file: G, line: 260 } },
      {
        quote:
          "However, we do observed that there exists some methods, like DiVE [12], where we failed to achieve obvious improvements.",
        cite: { file: G, line: 260 },
      },
      {
        quote: "our framework does not cope well with methods like BSCE [22] and DiVE [12].",
        cite: { file: G, line: 345 },
      },
    ],
    tables: ["gml-table6", "gml-table3"],
  },
  {
    id: "gml-table8-reweighting",
    paper: "gml",
    where: "Section 4.5.2, Table 8",
    claim:
      "Re-weighting (Eq. 3) is essential: without it GML does poorly; re-sampling instead helps but stays below re-weighting.",
    quote:
      "As we can see, the performance will be relatively poor without re-weighting. And just like many two-stage decoupling methods [14], re-sampling during fine-tuning can help, but is inferior to re-weighting.",
    cite: { file: G, line: 326 },
    tables: ["gml-table8"],
  },
  {
    id: "gml-table9-scratch",
    paper: "gml",
    where: "Section 4.5.3, Table 9",
    claim:
      "GML trained from scratch is comparable to CE + GML (fine-tune) and below PaCo + GML. Table 9: scratch H 30.86 vs 31.26 and 39.20; its lowest recall (9.00) is above CE + GML's and equal to PaCo + GML's.",
    quote:
      "However, GML can also be used to train a model from scratch. The results are shown in Tab. 9. As we can see, the result is comparable to the result when GML",
    cite: { file: G, line: 330 },
    support: [{
      quote:
        "is attached to CE, but inferior to the result when GML is applied to SOTA methods like PaCo, just as expected.",
      cite: { file: G, line: 337 },
    }],
    tables: ["gml-table9"],
  },
  {
    id: "gml-better-baselines",
    paper: "gml",
    where: "Appendix 3.1, Table 1",
    claim:
      "Re-training the classifier with balanced (re-weighted) cross-entropy or with cross-entropy and a balanced sampler, all else equal, gives lower H and lowest recall than GML.",
    quote:
      "As we can see, our proposed GML is better than them in terms of the harmonic mean of recall and the lowest recall value.",
    cite: { file: A, line: 41 },
    support: [{
      quote:
        "we use either balanced cross-entropy or pure cross-entropy but combined with a balanced sampler. All the other settings remain unchanged.",
      cite: { file: A, line: 41 },
    }],
    tables: ["gml-appendix-table1"],
  },
  {
    id: "gml-zero-floor",
    paper: "gml",
    where: "Tables 3-5, captions",
    claim:
      "Values marked * are computed with zero recalls replaced by 10⁻³, else G and H would be zero.",
    quote:
      "Numbers with \\* are computed by substituting zero elements with a small number ( $10^{-3}$ ) or else the geometric and harmonic mean will all be zero.",
    cite: { file: G, line: 237 },
    paperNumbers: [
      {
        name: "floor",
        what: "the value substituted for a zero recall",
        value: 0.001,
        unit: "fraction",
        printed: "10^{-3}",
      },
    ],
    tables: ["gml-table3", "gml-table4", "gml-table5", "gml-table6"],
  },
  {
    id: "gml-settings-cifar",
    paper: "gml",
    where: "Appendix 2, CIFAR100-LT",
    claim:
      "GML fine-tune on CIFAR100-LT: 40 epochs, SGD momentum 0.9, weight decay 5×10⁻⁴, lr 5×10⁻² decreased by ×0.2 at epoch 10, batch 128, 32×32 random crop with 4-pixel padding and horizontal flip.",
    quote:
      "We train the model for 40 epochs. The initial learning rate is set to  $5 \\times 10^{-2}$  and decrease it at the 10<sup>th</sup> epoch by 0.2. We use a batch size of 128.",
    cite: { file: A, line: 22 },
    support: [
      {
        quote:
          "We use the stochastic gradient descent (SGD) to optimize the network with momentum of 0.9 and weight decay of  $5 \\times 10^{-4}$ .",
        cite: { file: A, line: 22 },
      },
      {
        quote:
          "we randomly crop a  $32 \\times 32$  patch from the original image or its horizontal flip with 4 pixels padded on each side.",
        cite: { file: A, line: 22 },
      },
    ],
    paperNumbers: [
      { name: "epochs", what: "fine-tuning epochs", value: 40, unit: "epochs", printed: "40" },
      {
        name: "lr",
        what: "initial learning rate",
        value: 0.05,
        unit: "number",
        printed: "5 \\times 10^{-2}",
      },
      {
        name: "lrDropEpoch",
        what: "epoch at which the learning rate is decreased",
        value: 10,
        unit: "epochs",
        printed: "10",
      },
      {
        name: "lrDropFactor",
        what: "factor the learning rate is multiplied by",
        value: 0.2,
        unit: "number",
        printed: "0.2",
      },
      { name: "batchSize", what: "batch size", value: 128, unit: "count", printed: "128" },
      { name: "momentum", what: "SGD momentum", value: 0.9, unit: "number", printed: "0.9" },
      {
        name: "weightDecay",
        what: "weight decay",
        value: 5e-4,
        unit: "number",
        printed: "5 \\times 10^{-4}",
      },
      { name: "crop", what: "random crop side", value: 32, unit: "pixels", printed: "32" },
      {
        name: "padding",
        what: "padding on each side before the crop",
        value: 4,
        unit: "pixels",
        printed: "4",
      },
    ],
  },
  {
    id: "gml-settings-large",
    paper: "gml",
    where: "Appendix 2, ImageNet-LT and Places-LT",
    claim:
      "GML fine-tune on ImageNet-LT and Places-LT: 40 epochs, batch 512, SGD momentum 0.9, weight decay 5×10⁻⁴, lr 5×10⁻² decreased by ×0.2 at epoch 20; resize to 256, random 224×224 crop or flip, colour jitter.",
    quote: "We train our model for 40 epochs with a batch size of 512.",
    cite: { file: A, line: 33 },
    support: [
      {
        quote:
          "The initial learning rate is set to  $5 \\times 10^{-2}$  and is decreased at the 20<sup>th</sup> epoch by 0.2.",
        cite: { file: A, line: 33 },
      },
      {
        quote:
          "We use stochastic gradient descent (SGD) with momentum of 0.9 and weight decay of  $5 \\times 10^{-4}$ .",
        cite: { file: A, line: 33 },
      },
    ],
    paperNumbers: [
      { name: "epochs", what: "fine-tuning epochs", value: 40, unit: "epochs", printed: "40" },
      { name: "batchSize", what: "batch size", value: 512, unit: "count", printed: "512" },
      {
        name: "lr",
        what: "initial learning rate",
        value: 0.05,
        unit: "number",
        printed: "5 \\times 10^{-2}",
      },
      {
        name: "lrDropEpoch",
        what: "epoch at which the learning rate is decreased",
        value: 20,
        unit: "epochs",
        printed: "20",
      },
      {
        name: "lrDropFactor",
        what: "factor the learning rate is multiplied by",
        value: 0.2,
        unit: "number",
        printed: "0.2",
      },
      {
        name: "weightDecay",
        what: "weight decay",
        value: 5e-4,
        unit: "number",
        printed: "5 \\times 10^{-4}",
      },
    ],
  },
  {
    id: "gml-las",
    paper: "gml",
    where: "Appendix 2; Table 5 caption",
    claim:
      "With MiSLAS (a two-stage method) on Places-LT, GML is combined with MiSLAS's label-aware smoothing loss: L = λ·L_GML + L_LAS with λ = 1, untuned.",
    quote:
      "So when computing the loss function, we combine two loss functions together as  $\\mathcal{L} = \\lambda * \\mathcal{L}_{GML} + \\mathcal{L}_{LAS}$ . During the experiment, we simply use  $\\lambda = 1$  without tuning it.",
    cite: { file: A, line: 33 },
    support: [{
      quote:
        "Note that to plug GML into MiSLAS, since MiSLAS is also a two-stage method, we think it’s fairer to use GML together with their proposed label aware smoothing loss.",
      cite: { file: G, line: 279 },
    }],
    paperNumbers: [
      { name: "lambda", what: "weight of L_GML", value: 1, unit: "number", printed: "1" },
    ],
    tables: ["gml-table5"],
  },
];

/** The longest quote allowed (the project's "about 300 characters"). */
const MAX_QUOTE = 320;

/**
 * Checks a claims catalog: ids unique and of the form `btm-…`/`gml-…`
 * matching `paper`; every quote (and support quote) found verbatim starting
 * at its cited line (see {@linkcode findQuote}), cited in that paper's files,
 * and at most 320 characters; every paper number's `printed` text occurs as a
 * whole number in one of the claim's quotes and reads as its `value`; every
 * table id exists; every `contradicts` id is another claim of the catalog.
 *
 * @param claims the catalog to check.
 * @returns the same claims, deeply frozen copies.
 * @throws Error naming the claim and what is wrong.
 *
 * @example
 * ```ts
 * import { validatePaperClaims } from "./claims.ts";
 * let failed = false;
 * try {
 *   validatePaperClaims([{
 *     id: "btm-x", paper: "btm", where: "Section 3.2", claim: "made up",
 *     quote: "BTM triples accuracy", cite: { file: "btm_paper.txt", line: 353 },
 *   }]);
 * } catch { failed = true; }
 * if (!failed) throw new Error("an invented quote was accepted");
 * ```
 */
export function validatePaperClaims(claims: readonly PaperClaim[]): readonly PaperClaim[] {
  const ids = new Set<string>();
  for (const c of claims) {
    const what = `claim ${JSON.stringify(c.id)}`;
    const fail = (why: string): never => {
      throw new Error(`Invalid paper claim ${JSON.stringify(c.id)}: ${why}`);
    };
    if (typeof c.id !== "string" || !/^(btm|gml)-[a-z0-9-]+$/.test(c.id)) {
      fail("the id must look like btm-<name> or gml-<name> (lower case)");
    }
    if (ids.has(c.id)) fail("the id appears more than once");
    ids.add(c.id);
    if (c.paper !== "btm" && c.paper !== "gml") fail(`paper is ${JSON.stringify(c.paper)}`);
    if (!c.id.startsWith(`${c.paper}-`)) fail(`the id does not start with its paper "${c.paper}"`);
    for (const key of ["where", "claim"] as const) {
      if (typeof c[key] !== "string" || c[key].trim() === "") fail(`"${key}" is empty`);
    }
    const quotes: PaperQuote[] = [{ quote: c.quote, cite: c.cite }, ...(c.support ?? [])];
    for (const q of quotes) {
      if (!isPaperFile(q.cite?.file)) {
        fail(`cites ${JSON.stringify(q.cite?.file)}, not a paper file`);
      }
      if (!q.cite.file.startsWith(c.paper)) fail(`cites ${q.cite.file}, a file of the other paper`);
      if (typeof q.quote !== "string" || q.quote.length > MAX_QUOTE) {
        fail(`a quote is longer than ${MAX_QUOTE} characters (${q.quote?.length}): split it`);
      }
      checkQuote(q.cite, q.quote, what);
    }
    const names = new Set<string>();
    for (const n of c.paperNumbers ?? []) {
      if (names.has(n.name)) fail(`paper number "${n.name}" appears twice`);
      names.add(n.name);
      if (!Number.isFinite(n.value)) fail(`paper number "${n.name}" is ${n.value}`);
      const read = parsePrintedNumber(n.printed);
      if (read !== n.value) {
        fail(`paper number "${n.name}" is ${n.value} but "${n.printed}" reads as ${read}`);
      }
      if (!quotes.some((q) => containsPrinted(q.quote, n.printed))) {
        fail(`paper number "${n.name}": "${n.printed}" is in none of the claim's quotes`);
      }
    }
    for (const t of c.tables ?? []) {
      let table;
      try {
        table = paperTable(t);
      } catch (e) {
        return fail((e as Error).message);
      }
      if (table.paper !== c.paper) fail(`table "${t}" belongs to the other paper`);
    }
  }
  for (const c of claims) {
    for (const other of c.contradicts ?? []) {
      if (other === c.id || !ids.has(other)) {
        throw new Error(
          `Invalid paper claim ${JSON.stringify(c.id)}: contradicts ${
            JSON.stringify(other)
          }, which is not another claim of the catalog`,
        );
      }
    }
  }
  return deepFreeze(structuredClone(claims as PaperClaim[]));
}

/**
 * Every claim of both papers, validated against the text at load, read-only,
 * BTM's first, in the papers' order.
 */
export const PAPER_CLAIMS: readonly PaperClaim[] = validatePaperClaims(CLAIMS);

/**
 * Ids of every claim, in catalog order.
 *
 * @example
 * ```ts
 * import { paperClaimIds } from "./claims.ts";
 * if (!paperClaimIds().includes("btm-obs1")) throw new Error("Observation 1 is missing");
 * ```
 */
export function paperClaimIds(): string[] {
  return PAPER_CLAIMS.map((c) => c.id);
}

/**
 * One claim, by id.
 *
 * @param id e.g. "btm-obs1".
 * @throws Error listing the valid ids when `id` is unknown.
 *
 * @example
 * ```ts
 * import { paperClaim } from "./claims.ts";
 * const c = paperClaim("btm-obs1");
 * if (c.cite.file !== "btm_paper.txt" || c.cite.line !== 329) throw new Error("moved");
 * ```
 */
export function paperClaim(id: string): PaperClaim {
  const claim = PAPER_CLAIMS.find((c) => c.id === id);
  if (claim === undefined) {
    throw new Error(
      `No paper claim with id ${JSON.stringify(id)}; valid ids: ${paperClaimIds().join(", ")}`,
    );
  }
  return claim;
}

/**
 * A number a claim states, by its name.
 *
 * @param id the claim's id, e.g. "btm-obs1".
 * @param name the number's name, e.g. "fD.hMean".
 * @throws Error listing the claim's numbers when there is no such number.
 *
 * @example
 * ```ts
 * import { paperNumber } from "./claims.ts";
 * if (paperNumber("btm-obs1", "fD.hMean") !== 26.37) throw new Error("Observation 1 changed");
 * ```
 */
export function paperNumber(id: string, name: string): number {
  const claim = paperClaim(id);
  const n = claim.paperNumbers?.find((p) => p.name === name);
  if (n === undefined) {
    const names = (claim.paperNumbers ?? []).map((p) => p.name);
    throw new Error(
      `Paper claim "${id}" states no number ${JSON.stringify(name)}; its numbers: ${
        names.length > 0 ? names.join(", ") : "none"
      }`,
    );
  }
  return n.value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
