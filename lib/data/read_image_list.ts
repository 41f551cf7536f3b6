/**
 * Reader of ImageNet-LT / Places-LT list files: one `relative/path label` per line.
 *
 * @module
 */

/** One labelled image of a list, with where it was listed (for error messages). */
export interface ImageListEntry {
  /** Path of the image file (the list's relative path joined to the image root). */
  path: string;
  /** Class index. */
  label: number;
  /** Where the entry came from, e.g. `ImageNet_LT_train.txt:12` or `train2018.json: annotations[3]`. */
  source: string;
}

/** Options of {@linkcode readImageList}. */
export interface ReadImageListOptions {
  /** Folder the listed paths are relative to; default: the list file's folder. */
  root?: string;
  /**
   * Number of classes; labels must lie in [0, numClasses). Default: 1 + the largest label
   * (ImageNet-LT: 1000, Places-LT: 365).
   */
  numClasses?: number;
  /** Fail when a class in [0, numClasses) has no image; default true (an empty class is a broken list). */
  requireAllClasses?: boolean;
  /** Check up front that every listed file exists (one stat each); default false (checked when decoded). */
  checkFiles?: boolean;
}

/** The largest label a list may hold: labels are stored in an `Int32Array`. */
const MAX_LABEL = 2 ** 31 - 1;

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : path.slice(0, i);
}

/** Joins a root folder and a relative path with one slash. */
export function joinPath(root: string, rel: string): string {
  if (rel.startsWith("/")) return rel;
  return root.endsWith("/") ? root + rel : `${root}/${rel}`;
}

/**
 * Validates entries: labels in range, optionally no empty class and every file present.
 * Errors name the entry's source (file and line).
 */
export async function checkImageList(
  entries: ImageListEntry[],
  what: string,
  options: { numClasses?: number; requireAllClasses?: boolean; checkFiles?: boolean } = {},
): Promise<number> {
  if (entries.length === 0) throw new Error(`Cannot use ${what}: it lists no images`);
  if (
    options.numClasses !== undefined &&
    (!Number.isInteger(options.numClasses) || options.numClasses < 1 ||
      options.numClasses > MAX_LABEL + 1)
  ) {
    throw new RangeError(
      `Cannot use ${what} with numClasses ${options.numClasses}: it must be an integer in 1–${
        MAX_LABEL + 1
      }`,
    );
  }
  let top = entries[0];
  for (const e of entries) if (e.label > top.label) top = e;
  const numClasses = options.numClasses ?? top.label + 1;
  for (const e of entries) {
    if (!(Number.isInteger(e.label) && e.label >= 0 && e.label < numClasses)) {
      throw new RangeError(
        `Cannot use ${what}: ${e.source} has label ${e.label}, outside 0–${numClasses - 1}`,
      );
    }
  }
  if (options.requireAllClasses ?? true) {
    // A set of the labels present, not an array of numClasses counts: a label of 1e9 must not
    // allocate a billion counters. The first empty classes lie within the first n + 5 indices.
    const present = new Set(entries.map((e) => e.label));
    if (present.size < numClasses) {
      const first: number[] = [];
      for (let k = 0; first.length < 5 && k < numClasses; k++) if (!present.has(k)) first.push(k);
      throw new Error(
        `Cannot use ${what}: ${
          numClasses - present.size
        } of ${numClasses} classes have no image (first: class ${first.join(", ")}${
          options.numClasses === undefined && numClasses > entries.length
            ? `; ${top.source} has label ${top.label}, so ${numClasses} classes are implied`
            : ""
        })`,
      );
    }
  }
  if (options.checkFiles) {
    for (const e of entries) {
      try {
        await Deno.stat(e.path);
      } catch {
        throw new Error(`Cannot use ${what}: ${e.source} lists ${e.path}, which does not exist`);
      }
    }
  }
  return numClasses;
}

/**
 * Entries of a `path label` list file. Blank lines are skipped; any other line that is not
 * exactly a path and a non-negative integer label is an error naming the file and line.
 */
export async function readImageList(
  listPath: string,
  options: ReadImageListOptions = {},
): Promise<ImageListEntry[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(listPath);
  } catch (e) {
    throw new Error(`Cannot read image list ${listPath}: ${(e as Error).message}`);
  }
  const root = options.root ?? dirname(listPath);
  const entries: ImageListEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const parts = line.split(/\s+/);
    const source = `${listPath}:${i + 1}`;
    if (parts.length !== 2 || !/^\d+$/.test(parts[1])) {
      throw new Error(
        `Cannot parse image list line ${source}: expected "relative/path label", got ${
          JSON.stringify(line)
        }`,
      );
    }
    const label = Number(parts[1]);
    if (label > MAX_LABEL) {
      throw new RangeError(
        `Cannot parse image list line ${source}: label ${
          parts[1]
        } is larger than ${MAX_LABEL}, the largest class index`,
      );
    }
    entries.push({ path: joinPath(root, parts[0]), label, source });
  }
  await checkImageList(entries, `image list ${listPath}`, options);
  return entries;
}
