/**
 * A response's body, read to the end; for a Server-Sent Events stream (which never ends), its
 * first event, after which the stream is cancelled as a browser closing the page would.
 */
export async function readResponse(response: Response): Promise<Uint8Array> {
  if (!response.headers.get("content-type")?.startsWith("text/event-stream") || !response.body) {
    return new Uint8Array(await response.arrayBuffer());
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let text = "";
  while (!text.includes("\n\n")) {
    const { value, done } = await reader.read();
    if (done || !value) break;
    chunks.push(value);
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  return Buffer.concat(chunks);
}
