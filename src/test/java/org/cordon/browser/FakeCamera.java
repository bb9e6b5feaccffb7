package org.cordon.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * What Chromium's fake camera films in a browser test: a short Y4M video (YUV4MPEG2, 4:2:0, {@value #WIDTH}×{@value #HEIGHT},
 * {@value #FRAMES} frames at {@value #FPS} fps, which Chromium plays in a loop) of a QR code, black on white with a white
 * quiet zone of four modules, centred on a grey background. Chromium is pointed at the file with
 * {@link #chromiumArguments(Path)} when it starts; it opens the file again each time a page starts the camera, so a test
 * may {@link #film} another code into the same file between scans (same size, same format).
 */
final class FakeCamera {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int FRAMES = 10;
    static final int FPS = 10;

    // luma of studio-range video: white 235, black 16; chroma neutral
    private static final byte WHITE = (byte) 235;
    private static final byte BLACK = (byte) 16;
    private static final byte BACKGROUND = (byte) 150;
    private static final byte NEUTRAL = (byte) 128;
    private static final int QUIET_ZONE_MODULES = 4;

    private FakeCamera() {
    }

    /** The Chromium switches that give every page a camera filming {@code video} and grant it without asking. */
    static List<String> chromiumArguments(Path video) {
        return List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video.toAbsolutePath());
    }

    /** The QR code of {@code text} (UTF-8, error correction M), one bit per module, without a quiet zone. */
    static BitMatrix qrCode(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 0,
                    EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("No QR code for a text of " + text.length() + " characters", e);
        }
    }

    /**
     * Writes the video of {@code code} to {@code video} (replaced whole, so that Chromium never reads half a file).
     *
     * @param code a QR code as zxing draws it, at any scale, with or without its quiet zone (both are found again)
     */
    static void film(BitMatrix code, Path video) throws IOException {
        byte[] luma = frame(code);
        Path partial = Files.createTempFile(video.toAbsolutePath().getParent(), "fake-camera", ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F" + FPS + ":1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chroma = new byte[(WIDTH / 2) * (HEIGHT / 2)];
            Arrays.fill(chroma, NEUTRAL);
            for (int i = 0; i < FRAMES; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma);   // U
                out.write(chroma);   // V
            }
        }
        Files.move(partial, video, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A video of no code at all: the camera films an empty grey wall. */
    static void filmNothing(Path video) throws IOException {
        film(null, video);
    }

    /** The luma plane of one frame: the code scaled by a whole number of pixels per module, as large as fits. */
    private static byte[] frame(BitMatrix code) {
        byte[] luma = new byte[WIDTH * HEIGHT];
        Arrays.fill(luma, BACKGROUND);
        if (code == null) {
            return luma;
        }
        int[] box = code.getEnclosingRectangle();   // left, top, width, height of the dark modules: the symbol itself
        if (box == null) {
            throw new IllegalArgumentException("The code has no dark module");
        }
        int left = box[0], top = box[1], size = box[2];
        // the top-left finder pattern is 7 modules wide: its first row tells the bits per module
        int run = 0;
        while (run < size && code.get(left + run, top)) {
            run++;
        }
        int bitsPerModule = Math.max(1, run / 7);
        int modules = size / bitsPerModule;
        int pixelsPerModule = (Math.min(WIDTH, HEIGHT) * 9 / 10) / (modules + 2 * QUIET_ZONE_MODULES);
        if (pixelsPerModule < 2) {
            throw new IllegalArgumentException("A code of " + modules + " modules does not fit a " + WIDTH + "×" + HEIGHT + " frame");
        }
        int side = (modules + 2 * QUIET_ZONE_MODULES) * pixelsPerModule;
        int x0 = (WIDTH - side) / 2, y0 = (HEIGHT - side) / 2;
        for (int y = 0; y < side; y++) {
            Arrays.fill(luma, (y0 + y) * WIDTH + x0, (y0 + y) * WIDTH + x0 + side, WHITE);
        }
        int origin = QUIET_ZONE_MODULES * pixelsPerModule;
        for (int my = 0; my < modules; my++) {
            for (int mx = 0; mx < modules; mx++) {
                // the centre bit of the module, should the matrix have been drawn at a scale
                if (code.get(left + mx * bitsPerModule + bitsPerModule / 2, top + my * bitsPerModule + bitsPerModule / 2)) {
                    for (int py = 0; py < pixelsPerModule; py++) {
                        int start = (y0 + origin + my * pixelsPerModule + py) * WIDTH + x0 + origin + mx * pixelsPerModule;
                        Arrays.fill(luma, start, start + pixelsPerModule, BLACK);
                    }
                }
            }
        }
        return luma;
    }
}
