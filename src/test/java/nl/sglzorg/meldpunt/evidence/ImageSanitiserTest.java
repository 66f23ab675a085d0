package nl.sglzorg.meldpunt.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
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
        Path original = dir.resolve("original");
        Files.write(original, repeating);

        EvidenceRefusedException refused = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                EvidenceRefusedException.class, () -> ImageSanitiser.sanitise(original, dir.resolve("clean"),
                        new ImageSanitiser.Limits(20_000_000, 80L * 1024 * 1024, Duration.ofMinutes(10)))));

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
                        new ImageSanitiser.Limits(20_000_000, 80L * 1024 * 1024, Duration.ZERO)));

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
    void shouldRefuseWhatIsNoImageOrNotAWholeOne() {
        byte[] jpeg = TestImages.jpeg(80, 60);
        for (byte[] bytes : new byte[][] {"<html></html>".getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOf(jpeg, jpeg.length - 40), java.util.Arrays.copyOf(TestImages.webp(), 40)}) {
            EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                    () -> sanitise(bytes, 1_000_000));
            assertEquals(415, refused.status());
        }
    }

    private ImageSanitiser.Result sanitise(byte[] bytes, long maxPixels) throws IOException {
        Path original = dir.resolve("original");
        Files.write(original, bytes);
        return ImageSanitiser.sanitise(original, dir.resolve("clean"),
                new ImageSanitiser.Limits(maxPixels, 80L * 1024 * 1024, Duration.ofSeconds(30)));
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
