package nl.sglzorg.meldpunt.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.evidence.ImageSanitiser.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sanitiser on its own: what the first bytes say, and what survives re-encoding. */
class ImageSanitiserTest {

    @TempDir
    Path dir;

    /** Kept from one image to the next, as in the service: every test decodes into pixels used before. */
    private final PixelBuffer pixels = new PixelBuffer();

    static Stream<Arguments> heads() {
        return Stream.of(
                Arguments.of("JPEG", TestImages.jpeg(4, 4), Optional.of(Format.JPEG)),
                Arguments.of("PNG", TestImages.png(4, 4), Optional.of(Format.PNG)),
                Arguments.of("WebP", TestImages.webp(), Optional.of(Format.WEBP)),
                Arguments.of("HTML", "<!DOCTYPE html><html>".getBytes(StandardCharsets.US_ASCII), Optional.empty()),
                Arguments.of("GIF", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1),
                        Optional.empty()),
                Arguments.of("RIFF but WAVE", "RIFF\u0000\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1),
                        Optional.empty()),
                Arguments.of("two bytes of JPEG", new byte[] {(byte) 0xFF, (byte) 0xD8}, Optional.empty()),
                Arguments.of("empty", new byte[0], Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heads")
    void shouldTellTheTypeFromTheFirstBytes(String label, byte[] bytes, Optional<Format> expected) {
        byte[] head = java.util.Arrays.copyOf(bytes, Math.min(12, bytes.length));
        assertEquals(expected, ImageSanitiser.sniff(head));
    }

    @Test
    void shouldDropTheExifBlockAndKeepTheOriginalsHash() throws IOException {
        byte[] original = TestImages.jpegWithGps(64, 48);

        ImageSanitiser.Result result = sanitise(original, 1_000_000);

        byte[] clean = Files.readAllBytes(dir.resolve("clean"));
        assertFalse(TestImages.hasApp1(clean));
        assertFalse(TestImages.contains(clean, "Exif".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(TestImages.sha256(original), result.originalSha256());
        assertEquals(original.length, result.originalSize());
        assertEquals(clean.length, result.storedSize());
        assertEquals(Format.JPEG, result.stored());
        assertEquals(64, result.width());
        assertEquals(48, result.height());
    }

    @Test
    void shouldKeepTransparencyInAPngAndGreyInAJpeg() throws IOException {
        BufferedImage transparent = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        transparent.setRGB(3, 3, 0x80ff0000);
        sanitise(encode(transparent, "png"), 1_000_000);
        BufferedImage png = ImageIO.read(dir.resolve("clean").toFile());
        assertEquals(0x80ff0000, png.getRGB(3, 3));
        assertEquals(0, png.getRGB(0, 0) >>> 24, "transparent stays transparent");

        BufferedImage grey = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        ImageSanitiser.Result result = sanitise(encode(grey, "jpeg"), 1_000_000);
        assertEquals(Format.JPEG, result.stored());
    }

    @Test
    void shouldRefuseTooManyPixelsFromTheHeaderAlone() {
        EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                () -> sanitise(TestImages.pngClaiming(30_000, 30_000), 20_000_000));
        assertEquals(413, refused.status());
        assertEquals("file", refused.field());
    }

    @Test
    void shouldTakeAProgressiveJpegAsAnEncoderWritesIt() throws IOException {
        byte[] progressive = TestImages.progressiveJpeg(120, 80);
        int scans = TestImages.sosOffsets(progressive).size();
        assertTrue(scans > 1 && scans <= ImageSanitiser.MAX_JPEG_SCANS, scans + " scans");

        ImageSanitiser.Result result = sanitise(progressive, 1_000_000);

        assertEquals(Format.JPEG, result.stored());
        assertEquals(120, result.width());
    }

    @Test
    void shouldRefuseAJpegThatRepeatsAScanBeforeDecodingIt() throws IOException {
        // 4 megapixels, and one scan repeated 2000 times in 100 KB: the JDK's decoder passes over the
        // whole image once per scan (minutes). The scans are counted before anything is decoded.
        byte[] repeating = TestImages.progressiveJpegRepeatingAScan(2000, 2000, 2000);
        assertTrue(repeating.length < 200_000, repeating.length + " bytes");

        EvidenceRefusedException refused = refusedWithin(Duration.ofSeconds(10), repeating, Duration.ofMinutes(10));

        assertEquals(415, refused.status());
        assertEquals("file", refused.field());
        assertTrue(refused.getMessage().contains("scans"), refused.getMessage());
    }

    @Test
    void shouldStopADecodeThatRunsPastItsTime() throws IOException {
        // Within the scan limit, but the decoder has no time at all: it is stopped on its first row.
        byte[] progressive = TestImages.progressiveJpeg(400, 300);
        Path original = dir.resolve("original");
        Files.write(original, progressive);

        EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                () -> ImageSanitiser.sanitise(original, dir.resolve("clean"),
                        new ImageSanitiser.Limits(20_000_000, 80L * 1024 * 1024, Duration.ZERO), pixels));

        assertEquals(415, refused.status());
        assertTrue(refused.getMessage().contains("te veel tijd"), refused.getMessage());
    }

    @Test
    void shouldStopAWebpDecodeThatRunsPastItsTime() {
        // 4 megapixels whose lossless stream ends after its prefix codes, in 44 bytes: the WebP reader
        // takes the end of the file for more bits, at an exception a read, for minutes, and neither
        // reports progress nor stops when asked. Its input stops it.
        byte[] cutShort = TestImages.riff(TestImages.vp8lCutShort(2000, 2000));
        assertTrue(cutShort.length < 64, cutShort.length + " bytes");

        EvidenceRefusedException refused = refusedWithin(Duration.ofSeconds(10), cutShort, Duration.ofSeconds(1));

        assertEquals(415, refused.status());
        assertTrue(refused.getMessage().contains("te veel tijd"), refused.getMessage());
    }

    @Test
    void shouldRefuseA16BitRgbaPngOverTheByteBudgetFromTheHeaderAlone() {
        // 4472 × 4472 is within 20 megapixels, but at 8 bytes a pixel it decodes into 160 MB. The
        // pixel data is not that image's, so a decode would answer 415 ("damaged"), not 413.
        byte[] sixteenBit = TestImages.pngClaiming(4472, 4472, 16, 6);

        EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                () -> sanitise(sixteenBit, 20_000_000));

        assertEquals(413, refused.status());
        assertEquals("file", refused.field());
        assertTrue(refused.getMessage().contains("8 bytes"), refused.getMessage());
    }

    @Test
    void shouldRefuseAWebpOfManyImagesBeforeDecodingAny() throws IOException {
        // A canvas of 4 megapixels and 50 lossless images of 16 bytes each: the WebP reader decodes every
        // image chunk of an extended WebP at the canvas's size, and its lossless decoder neither reports
        // progress nor stops when asked. Thousands of them would hold the decoder for hours.
        byte[] image = TestImages.vp8l(2000, 2000);
        byte[] fifty = TestImages.webpExtended(2000, 2000, false,
                Collections.nCopies(50, image).toArray(byte[][]::new));
        assertTrue(fifty.length < 2000, fifty.length + " bytes");

        EvidenceRefusedException refused = refusedWithin(Duration.ofSeconds(5), fifty, Duration.ofSeconds(30));

        assertEquals(415, refused.status());
        assertEquals("file", refused.field());
        assertTrue(refused.getMessage().contains("WebP-afbeelding"), refused.getMessage());
        // The same image once is one the sanitiser takes: it is the layout that is refused.
        ImageSanitiser.Result one = sanitise(TestImages.webpExtended(2000, 2000, false, image), 20_000_000);
        assertEquals(2000, one.width());
    }

    @Test
    void shouldRefuseAWebpWhoseImageIsNotTheSizeOfItsCanvas() {
        // The reader decodes the image of an extended WebP at the canvas's size, whatever the image says:
        // without the check both would be taken, the lossy one with black columns at its right.
        byte[] plainLossy = TestImages.webpLossy();
        byte[] lossyImage = java.util.Arrays.copyOfRange(plainLossy, 12, plainLossy.length); // its one chunk
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put("lossy 48 × 32 on 64 × 32", TestImages.webpExtended(64, 32, false, lossyImage));
        images.put("lossless 100 × 100 on 2000 × 2000",
                TestImages.webpExtended(2000, 2000, false, TestImages.vp8l(100, 100)));

        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                    () -> sanitise(image.getValue(), 20_000_000), image.getKey());
            assertEquals(415, refused.status(), image.getKey());
            assertTrue(refused.getMessage().contains("beschadigd"), image.getKey() + ": " + refused.getMessage());
        }
    }

    @Test
    void shouldCountTheSeparateAlphaOfAWebpAgainstTheByteBudget() {
        // 4000 × 4000 pixels of 4 bytes is 64 MB, within 80; but the reader decodes a lossy image's alpha
        // ('ALPH') into a raster of 4 bytes a pixel of its own besides the image: 128 MB.
        // The alpha: compressed losslessly (1), no transform, no colour cache, five one-symbol codes.
        byte[] alpha = TestImages.webpChunk("ALPH", new byte[] {1, (byte) 0x88, (byte) 0x88, 0x08});
        byte[] withAlpha = TestImages.webpExtended(4000, 4000, true, alpha, TestImages.vp8Header(4000, 4000));

        EvidenceRefusedException refused = refusedWithin(Duration.ofSeconds(10), withAlpha, Duration.ofSeconds(30));

        assertEquals(413, refused.status());
        assertTrue(refused.getMessage().contains("8 bytes"), refused.getMessage());
    }

    @Test
    void shouldRefuseWhatIsNoImageOrNotAWholeOne() {
        byte[] jpeg = TestImages.jpeg(80, 60);
        for (byte[] bytes : new byte[][] {"<html></html>".getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOf(jpeg, jpeg.length - 40), java.util.Arrays.copyOf(TestImages.webp(), 40)}) {
            EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                    () -> sanitise(bytes, 1_000_000));
            assertEquals(415, refused.status());
        }
    }

    @Test
    void shouldDecodeEveryKindOfImageIntoTheKeptPixelsAsIntoAnImageOfItsOwn() throws IOException {
        // Largest first, so a smaller image after it would show any pixel the decoder left unwritten.
        BufferedImage noise = new BufferedImage(300, 200, BufferedImage.TYPE_3BYTE_BGR);
        new Random(19).nextBytes(((DataBufferByte) noise.getRaster().getDataBuffer()).getData());
        BufferedImage transparent = new BufferedImage(90, 70, BufferedImage.TYPE_INT_ARGB);
        transparent.setRGB(5, 5, 0x80ff0000);
        byte[] levels = {0, (byte) 0x55, (byte) 0xaa, (byte) 0xff};
        BufferedImage palette = new BufferedImage(70, 50, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(2, 4, levels, levels, new byte[4]));
        palette.setRGB(3, 4, 0xffaaaa00);
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put("RGB PNG", encode(noise, "png"));
        images.put("RGBA PNG", encode(transparent, "png"));
        images.put("grey PNG", encode(greyscale(80, 60, BufferedImage.TYPE_BYTE_GRAY), "png"));
        images.put("16-bit grey PNG", encode(greyscale(80, 60, BufferedImage.TYPE_USHORT_GRAY), "png"));
        images.put("2-bit palette PNG", encode(palette, "png"));
        images.put("8-bit palette PNG", encode(new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_INDEXED), "png"));
        images.put("colour JPEG", TestImages.jpeg(64, 48));
        images.put("grey JPEG", encode(greyscale(64, 48, BufferedImage.TYPE_BYTE_GRAY), "jpeg"));
        images.put("lossless WebP", TestImages.webp());
        images.put("lossy WebP", TestImages.webpLossy());
        images.put("lossy WebP with alpha", TestImages.webpLossyWithAlpha());
        images.put("RGB PNG again", encode(noise, "png"));

        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            Path original = dir.resolve("original");
            Files.write(original, image.getValue());
            ImageSanitiser.Result kept = sanitise(original, "kept", pixels);
            ImageSanitiser.Result own = sanitise(original, "own", new PixelBuffer(0));

            assertEquals(own, kept, image.getKey());
            assertArrayEquals(Files.readAllBytes(dir.resolve("own")), Files.readAllBytes(dir.resolve("kept")),
                    image.getKey() + ": the same image whichever pixels it was decoded into");
            if (kept.stored() == Format.PNG && kept.original() == Format.PNG) {
                assertSamePixels(ImageIO.read(original.toFile()), ImageIO.read(dir.resolve("kept").toFile()),
                        image.getKey());
            }
        }
        assertEquals(300 * 200 * 3, pixels.keptBytes(), "the largest image's pixels, kept for the next");
    }

    @Test
    void shouldHandEachDecodeClearedPixelsNeverThoseOfTheImageBefore() {
        ImageTypeSpecifier rgb = ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage previous = pixels.destination(rgb, 40, 30).orElseThrow();
        Graphics2D g = previous.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 30);
        g.dispose();

        BufferedImage next = pixels.destination(rgb, 20, 10).orElseThrow();

        assertEquals(20, next.getWidth());
        assertEquals(10, next.getHeight());
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                assertEquals(0xff000000, next.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void shouldDecodeAnImageOverWhatIsKeptIntoAnImageOfItsOwn() throws IOException {
        PixelBuffer small = new PixelBuffer(100 * 100 * 3);
        Path original = dir.resolve("original");
        Files.write(original, TestImages.png(120, 100));

        ImageSanitiser.Result result = sanitise(original, "clean", small);

        assertEquals(120, result.width());
        assertEquals(0, small.keptBytes());
        assertSamePixels(TestImages.picture(120, 100), ImageIO.read(dir.resolve("clean").toFile()), "120 × 100");
    }

    private ImageSanitiser.Result sanitise(Path original, String target, PixelBuffer into) throws IOException {
        return ImageSanitiser.sanitise(original, dir.resolve(target),
                new ImageSanitiser.Limits(1_000_000, 80L * 1024 * 1024, Duration.ofSeconds(30)), into);
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual, String label) {
        assertEquals(expected.getWidth(), actual.getWidth(), label);
        assertEquals(expected.getHeight(), actual.getHeight(), label);
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (expected.getRGB(x, y) != actual.getRGB(x, y)) {
                    assertEquals(Integer.toHexString(expected.getRGB(x, y)), Integer.toHexString(actual.getRGB(x, y)),
                            label + " at " + x + "," + y);
                }
            }
        }
    }

    private static BufferedImage greyscale(int width, int height, int type) {
        BufferedImage grey = new BufferedImage(width, height, type);
        Graphics2D g = grey.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.BLACK, width, height, Color.WHITE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return grey;
    }

    private ImageSanitiser.Result sanitise(byte[] bytes, long maxPixels) throws IOException {
        Path original = dir.resolve("original");
        Files.write(original, bytes);
        return ImageSanitiser.sanitise(original, dir.resolve("clean"),
                new ImageSanitiser.Limits(maxPixels, 80L * 1024 * 1024, Duration.ofSeconds(30)), pixels);
    }

    /**
     * The refusal of {@code bytes}, which must come within {@code timeout}: 20 megapixels and 80 MB
     * allowed, and {@code decodeTime} for the decoder.
     */
    private EvidenceRefusedException refusedWithin(Duration timeout, byte[] bytes, Duration decodeTime) {
        return assertTimeoutPreemptively(timeout, () -> {
            Path original = dir.resolve("original");
            Files.write(original, bytes);
            return assertThrows(EvidenceRefusedException.class, () -> ImageSanitiser.sanitise(original,
                    dir.resolve("clean"), new ImageSanitiser.Limits(20_000_000, 80L * 1024 * 1024, decodeTime), pixels));
        });
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
