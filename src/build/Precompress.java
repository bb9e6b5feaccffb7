import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;

/**
 * Build step (pom.xml, execution "front-end-assets"; not part of the application): writes next to every script, style
 * sheet and SVG of at least 1 KB under the given folders a Brotli copy ({@code .br}, quality 11, the largest window),
 * when smaller. The platform (shared.web.StaticAssetsConfiguration) sends it to browsers that accept Brotli; Tomcat
 * gzips on the fly for the others. Usage: {@code java -cp brotli4j.jar:native.jar Precompress.java <folder>...}.
 */
public class Precompress {

    private static final List<String> TYPES = List.of(".js", ".css", ".svg");
    private static final int MIN_SIZE = 1024;

    public static void main(String[] args) throws IOException {
        Brotli4jLoader.ensureAvailability();
        Encoder.Parameters brotli = new Encoder.Parameters().setQuality(11).setWindow(22).setMode(Encoder.Mode.TEXT);
        long raw = 0;
        long br = 0;
        long gz = 0;
        int files = 0;
        for (String folder : args) {
            Path root = Path.of(folder);
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(root)) {
                sources = walk.filter(Files::isRegularFile)
                        .filter(p -> TYPES.stream().anyMatch(t -> p.getFileName().toString().endsWith(t))).sorted().toList();
            }
            for (Path source : sources) {
                byte[] bytes = Files.readAllBytes(source);
                if (bytes.length < MIN_SIZE) {
                    continue;
                }
                byte[] brotlied = Encoder.compress(bytes, brotli);
                write(source, ".br", brotlied, bytes.length);
                raw += bytes.length;
                br += Math.min(brotlied.length, bytes.length);
                gz += gzip(bytes).length;
                files++;
            }
        }
        System.out.printf("[precompress] %d files, %,d bytes: brotli %,d (gzip -9 would be %,d)%n", files, raw, br, gz);
    }

    private static void write(Path source, String suffix, byte[] compressed, int original) throws IOException {
        Path target = source.resolveSibling(source.getFileName() + suffix);
        if (compressed.length < original) {
            Files.write(target, compressed);
        } else {
            Files.deleteIfExists(target);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length / 3);
        try (OutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
