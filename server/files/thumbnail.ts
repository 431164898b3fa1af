import sharp from "sharp";

/** The longest side of a thumbnail: a list row or a card, at twice its CSS size for sharp screens. */
export const THUMBNAIL_SIZE = 320;

/**
 * A small WebP of an image, made on the server so a list of photos does not download each photo
 * whole. Turned upright by its EXIF orientation (phone photos) and stripped of its metadata (the
 * location a photo was taken at stays in the original only). sharp works off the event loop.
 */
export async function makeThumbnail(body: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const output = await sharp(Buffer.from(await new Response(body).arrayBuffer()))
    .rotate()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
  return new Uint8Array(output);
}
