package nl.sglzorg.meldpunt;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images for evidence tests, made here (WebP, which Java cannot write, is a test resource). */
public final class TestImages {

    /** The GPS position written into {@link #jpegWithGps}: 50°53'N 5°58'E, Heerlen. */
    public static final int[] LATITUDE = {50, 53, 0};
    public static final int[] LONGITUDE = {5, 58, 0};

    private TestImages() {
    }

    /** A picture with some structure, so an encoder has something to keep. */
    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1d, 0x70, 0xb8));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height), "jpeg");
    }

    /** A WebP screenshot of 48 × 32 pixels (lossless, made once with cwebp): one 'VP8L' chunk. */
    public static byte[] webp() {
        return resource("/evidence/screenshot-48x32-lossless.webp");
    }

    /** {@link #picture} at 48 × 32 as a lossy WebP (made once with libwebp 1.2.4): one 'VP8 ' chunk. */
    public static byte[] webpLossy() {
        return resource("/evidence/screenshot-48x32-lossy.webp");
    }

    /**
     * {@link #picture} at 48 × 32, its white half transparent, as a lossy WebP with alpha (made once
     * with libwebp 1.2.4): 'VP8X', 'ALPH', 'VP8 '.
     */
    public static byte[] webpLossyWithAlpha() {
        return resource("/evidence/screenshot-48x32-lossy-alpha.webp");
    }

    /**
     * An extended WebP: a 'VP8X' chunk for a canvas of {@code width} × {@code height} (with alpha
     * when {@code alpha}), then {@code chunks} as they are.
     */
    public static byte[] webpExtended(int width, int height, boolean alpha, byte[]... chunks) {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) (alpha ? 0x10 : 0)).put(new byte[3]);
        putUnsigned24(vp8x, width - 1);
        putUnsigned24(vp8x, height - 1);
        byte[][] all = new byte[chunks.length + 1][];
        all[0] = webpChunk("VP8X", vp8x.array());
        System.arraycopy(chunks, 0, all, 1, chunks.length);
        return riff(all);
    }

    /**
     * A lossless image chunk ('VP8L') of {@code width} × {@code height} black pixels: no transform, no
     * colour cache, and five prefix codes of one symbol each, so a pixel takes no bits. 8 bytes, and 8
     * of zeros after them: the reader reads ahead 8 bytes at a time and fails at the end of the file.
     */
    public static byte[] vp8l(int width, int height) {
        return webpChunk("VP8L", Arrays.copyOf(vp8lHeaderAndCodes(width, height, false), 16));
    }

    /**
     * A lossless image chunk ('VP8L') of {@code width} × {@code height} pixels cut short: its green
     * takes a bit a pixel (a prefix code of two symbols), and of the pixels' bits there are 15 bytes
     * of zeros (the reader reads 8 bytes ahead). A stream that ends early, as a truncated upload's does.
     */
    public static byte[] vp8lCutShort(int width, int height) {
        return webpChunk("VP8L", Arrays.copyOf(vp8lHeaderAndCodes(width, height, true), 24));
    }

    /**
     * A lossless stream up to its pixels: the signature, the size, no alpha, version 0; no transform,
     * no colour cache, one group of five prefix codes, each of one symbol (0, no bits a pixel) but
     * green when {@code greenTakesABit}: two symbols (0 and 1, a bit a pixel).
     */
    private static byte[] vp8lHeaderAndCodes(int width, int height, boolean greenTakesABit) {
        LsbBits bits = new LsbBits().put(0x2f, 8).put(width - 1, 14).put(height - 1, 14).put(0, 1).put(0, 3);
        bits.put(0, 1).put(0, 1).put(0, 1);
        for (int code = 0; code < 5; code++) {
            bits.put(1, 1); // a simple code: is_simple, number of symbols - 1, symbol 0 in 1 bit (or 8)
            if (code == 0 && greenTakesABit) {
                bits.put(1, 1).put(0, 1).put(0, 1).put(1, 8);
            } else {
                bits.put(0, 1).put(0, 1).put(0, 1);
            }
        }
        return bits.toByteArray();
    }

    /** Bits written least significant first, as a WebP lossless stream holds them. */
    private static final class LsbBits {
        private final BitSet bits = new BitSet();
        private int size;

        LsbBits put(long value, int count) {
            for (int i = 0; i < count; i++, size++) {
                bits.set(size, (value >>> i & 1) == 1);
            }
            return this;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bits.toByteArray(), (size + 7) / 8);
        }
    }

    /**
     * A lossy image chunk ('VP8 ') holding only the frame header of a key frame of {@code width} ×
     * {@code height}: no picture data a decoder could read.
     */
    public static byte[] vp8Header(int width, int height) {
        ByteBuffer frame = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        frame.put((byte) 0x10).put((byte) 0).put((byte) 0); // key frame, shown, first partition of 0 bytes
        frame.put((byte) 0x9d).put((byte) 0x01).put((byte) 0x2a);
        frame.putShort((short) width).putShort((short) height);
        return webpChunk("VP8 ", frame.array());
    }

    /** A RIFF chunk: its four-character code, the payload's length, the payload, padded to an even length. */
    public static byte[] webpChunk(String fourCC, byte[] payload) {
        ByteBuffer chunk = ByteBuffer.allocate(8 + payload.length + (payload.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(fourCC.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return chunk.array();
    }

    /** A WebP file ("RIFF", its length, "WEBP") holding {@code chunks}. */
    public static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteBuffer file = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size()).put(body.toByteArray());
        return file.array();
    }

    private static void putUnsigned24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static byte[] resource(String path) {
        try (InputStream in = TestImages.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JPEG as a phone writes it: with an EXIF block (APP1) right after the start marker, holding a
     * GPS IFD with latitude and longitude.
     */
    public static byte[] jpegWithGps(int width, int height) {
        byte[] plain = jpeg(width, height);
        byte[] exif = exifWithGps();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1); // APP1
        int length = exif.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** "Exif\0\0", a big-endian TIFF header, IFD0 pointing at a GPS IFD with four tags. */
    private static byte[] exifWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(200);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        // IFD0 at 8: one entry, GPSInfo (0x8825, LONG) -> the GPS IFD at 26
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26);
        tiff.putInt(0);
        // GPS IFD at 26: 4 entries (2 + 4 * 12 + 4 = 54 bytes), rationals after it at 80 and 104
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(104);
        tiff.putInt(0);
        for (int value : LATITUDE) {
            tiff.putInt(value).putInt(1);
        }
        for (int value : LONGITUDE) {
            tiff.putInt(value).putInt(1);
        }
        ByteArrayOutputStream exif = new ByteArrayOutputStream();
        exif.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        exif.write(tiff.array(), 0, tiff.position());
        return exif.toByteArray();
    }

    /** Whether a JPEG has an APP1 segment (EXIF or XMP) before its image data. */
    public static boolean hasApp1(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xE1) {
                return true;
            }
            if (marker == 0xDA) { // start of scan: the header segments are over
                return false;
            }
            i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
        }
        return false;
    }

    /** A valid PNG whose header claims {@code width} × {@code height} pixels (a decompression bomb's header). */
    public static byte[] pngClaiming(int width, int height) {
        return pngClaiming(width, height, 8, 2);
    }

    /**
     * An 8 × 8 PNG whose header claims another size, bit depth and colour type (6: RGBA); its pixel
     * data does not fit that claim, so only a check of the header can give anything but "damaged".
     */
    public static byte[] pngClaiming(int width, int height, int bitDepth, int colourType) {
        byte[] png = png(8, 8);
        ByteBuffer buffer = ByteBuffer.wrap(png);
        // signature (8), IHDR length (4), "IHDR" (4), then width, height, bit depth, colour type
        buffer.putInt(16, width).putInt(20, height).put(24, (byte) bitDepth).put(25, (byte) colourType);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return png;
    }

    /** A progressive JPEG as the JDK writes it by default (about 10 scans). */
    public static byte[] progressiveJpeg(int width, int height) {
        return progressiveJpeg(picture(width, height));
    }

    private static byte[] progressiveJpeg(BufferedImage image) {
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A progressive JPEG whose smallest scan (from its SOS marker to the next) is repeated
     * {@code repeats} more times: a small file a decoder passes over the whole image for, each time.
     * The image is black, so a scan is a few dozen bytes.
     */
    public static byte[] progressiveJpegRepeatingAScan(int width, int height, int repeats) {
        byte[] jpeg = progressiveJpeg(new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR));
        java.util.List<Integer> scans = sosOffsets(jpeg);
        int from = scans.get(0);
        int to = scans.get(1);
        for (int i = 1; i + 1 < scans.size(); i++) {
            if (scans.get(i + 1) - scans.get(i) < to - from) {
                from = scans.get(i);
                to = scans.get(i + 1);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, to);
        for (int i = 0; i < repeats; i++) {
            out.write(jpeg, from, to - from);
        }
        out.write(jpeg, to, jpeg.length - to);
        return out.toByteArray();
    }

    /** Where the SOS markers (FF DA) of a JPEG start; FF DA cannot occur in entropy-coded data. */
    public static java.util.List<Integer> sosOffsets(byte[] jpeg) {
        java.util.List<Integer> offsets = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                offsets.add(i);
            }
        }
        return offsets;
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
