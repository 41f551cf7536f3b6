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
  let maxLabel = -1;
  for (const e of entries) maxLabel = Math.max(maxLabel, e.label);
  const numClasses = options.numClasses ?? maxLabel + 1;
  const counts = new Array(numClasses).fill(0);
  for (const e of entries) {
    if (!(e.label >= 0 && e.label < numClasses)) {
      throw new RangeError(
        `Cannot use ${what}: ${e.source} has label ${e.label}, outside 0–${numClasses - 1}`,
      );
    }
    counts[e.label]++;
  }
  if (options.requireAllClasses ?? true) {
    const empty = counts.flatMap((c, k) => (c === 0 ? [k] : []));
    if (empty.length > 0) {
      throw new Error(
        `Cannot use ${what}: ${empty.length} of ${numClasses} classes have no image (first: class ${
          empty.slice(0, 5).join(", ")
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
    entries.push({ path: joinPath(root, parts[0]), label: Number(parts[1]), source });
  }
  await checkImageList(entries, `image list ${listPath}`, options);
  return entries;
}
