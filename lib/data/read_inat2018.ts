/**
 * Reader of iNaturalist 2018's COCO-style annotation files (`train2018.json`, `val2018.json`)
 * into the same (path, label) entries as the ImageNet-LT / Places-LT lists.
 *
 * @module
 */
import { checkImageList, type ImageListEntry, joinPath } from "./read_image_list.ts";

/** Options of {@linkcode readInat2018}. */
export interface ReadInat2018Options {
  /** Folder the images' `file_name`s are relative to; default: the JSON file's folder. */
  root?: string;
  /** Fail when a category has no image; default true (iNat 2018 train and val cover all 8142). */
  requireAllClasses?: boolean;
  /** Check up front that every image file exists; default false (checked when decoded). */
  checkFiles?: boolean;
}

interface CocoImage {
  id: number;
  file_name: string;
}
interface CocoAnnotation {
  image_id: number;
  category_id: number;
}

/**
 * Entries (image path, category id as label) of an iNat 2018 JSON file, in the order of its
 * `images`. Labels are the category ids, which must be 0..C-1 for C = `categories.length`.
 * An annotation of an unknown image, an image without annotation, a duplicate, or a category
 * out of range is an error naming the file and the array element.
 */
export async function readInat2018(
  jsonPath: string,
  options: ReadInat2018Options = {},
): Promise<ImageListEntry[]> {
  let doc: { images?: CocoImage[]; annotations?: CocoAnnotation[]; categories?: unknown[] };
  try {
    doc = JSON.parse(await Deno.readTextFile(jsonPath));
  } catch (e) {
    throw new Error(`Cannot read iNaturalist JSON ${jsonPath}: ${(e as Error).message}`);
  }
  for (const key of ["images", "annotations", "categories"] as const) {
    if (!Array.isArray(doc[key])) {
      throw new Error(`Cannot read iNaturalist JSON ${jsonPath}: it has no "${key}" array`);
    }
  }
  const images = doc.images!, annotations = doc.annotations!;
  const numClasses = doc.categories!.length;
  const root = options.root ??
    (jsonPath.includes("/") ? jsonPath.slice(0, jsonPath.lastIndexOf("/")) || "/" : ".");
  const labelOf = new Map<number, number>();
  annotations.forEach((a, i) => {
    const where = `${jsonPath}: annotations[${i}]`;
    if (!Number.isInteger(a?.image_id) || !Number.isInteger(a?.category_id)) {
      throw new Error(`Cannot read ${where}: it needs integer "image_id" and "category_id"`);
    }
    if (a.category_id < 0 || a.category_id >= numClasses) {
      throw new RangeError(
        `Cannot read ${where}: category_id ${a.category_id} is outside 0–${
          numClasses - 1
        } (${numClasses} categories)`,
      );
    }
    if (labelOf.has(a.image_id)) {
      throw new Error(`Cannot read ${where}: image ${a.image_id} is annotated twice`);
    }
    labelOf.set(a.image_id, a.category_id);
  });
  const seen = new Set<number>();
  const entries: ImageListEntry[] = images.map((im, i) => {
    const where = `${jsonPath}: images[${i}]`;
    if (!Number.isInteger(im?.id) || typeof im?.file_name !== "string") {
      throw new Error(`Cannot read ${where}: it needs an integer "id" and a string "file_name"`);
    }
    if (seen.has(im.id)) {
      throw new Error(
        `Cannot read ${where}: image id ${im.id} is listed twice (first at images[${
          images.findIndex((x) => x?.id === im.id)
        }])`,
      );
    }
    const label = labelOf.get(im.id);
    if (label === undefined) {
      throw new Error(`Cannot read ${where}: image ${im.id} has no annotation`);
    }
    seen.add(im.id);
    return { path: joinPath(root, im.file_name), label, source: where };
  });
  for (const [id] of labelOf) {
    if (!seen.has(id)) {
      throw new Error(
        `Cannot read ${jsonPath}: an annotation refers to image ${id}, which is not in "images"`,
      );
    }
  }
  await checkImageList(entries, `iNaturalist JSON ${jsonPath}`, { numClasses, ...options });
  return entries;
}
