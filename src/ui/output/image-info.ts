// The pixel size of an image output, read from its header alone (PNG, JPEG, GIF, WebP), or from
// the attributes of an SVG, so a placeholder can name it without decoding the picture.

export interface ImageInfo {
  mime: string;
  width?: number;
  height?: number;
  /** The image bytes (base64, as nbformat stores them) or the SVG text. */
  data: string;
}

// A JPEG's size sits in its first SOF segment, after any EXIF or colour profile segments.
const JPEG_SCAN_BYTES = 256 * 1024;

export function imageInfo(mime: string, data: string): ImageInfo {
  const size = mime === "image/svg+xml" ? svgSize(data) : rasterSize(decodeHead(data, mime));
  return { mime, data, ...size };
}

function decodeHead(base64: string, mime: string): Buffer {
  const bytes = mime === "image/jpeg" ? JPEG_SCAN_BYTES : 64;
  // 4 base64 characters per 3 bytes; whitespace (line breaks in saved notebooks) is skipped.
  const head = base64.slice(0, Math.ceil(bytes / 3) * 4 + 64).replace(/\s+/g, "");
  return Buffer.from(head.slice(0, head.length - (head.length % 4)), "base64");
}

function rasterSize(b: Buffer): { width?: number; height?: number } {
  if (
    b.length >= 24 &&
    b.toString("latin1", 1, 4) === "PNG" &&
    b.toString("latin1", 12, 16) === "IHDR"
  )
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length >= 10 && b.toString("latin1", 0, 3) === "GIF")
    return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (
    b.length >= 30 &&
    b.toString("latin1", 0, 4) === "RIFF" &&
    b.toString("latin1", 8, 12) === "WEBP"
  )
    return webpSize(b);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegSize(b);
  return {};
}

function jpegSize(b: Buffer): { width?: number; height?: number } {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return {};
    const marker = b[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    at += 2 + b.readUInt16BE(at + 2);
  }
  return {};
}

function webpSize(b: Buffer): { width?: number; height?: number } {
  const chunk = b.toString("latin1", 12, 16);
  if (chunk === "VP8X") return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
  if (chunk === "VP8 ")
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === "VP8L") {
    const bits = b.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return {};
}

function svgSize(svg: string): { width?: number; height?: number } {
  const tag = /<svg\b[^>]*>/i.exec(svg.slice(0, 8192))?.[0];
  if (tag === undefined) return {};
  const attribute = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)\\s*(px|pt)?\\s*["']`, "i").exec(tag);
  const width = attribute("width");
  const height = attribute("height");
  if (width && height) {
    const scale = width[2] === "pt" ? 4 / 3 : 1;
    return {
      width: Math.round(Number(width[1]) * scale),
      height: Math.round(Number(height[1]) * scale),
    };
  }
  const box = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(tag);
  return box ? { width: Math.round(Number(box[1])), height: Math.round(Number(box[2])) } : {};
}
