package org.cordon.healthcode;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import com.google.zxing.common.BitMatrix;

/** The QR code of a token (zxing, error correction M, byte mode): as SVG for pages and cards, and its version. */
public final class HealthCodeQr {

    private HealthCodeQr() {
    }

    /** The QR symbol's modules (with a 4-module quiet zone). */
    public static BitMatrix matrix(String token) {
        try {
            return new QRCodeWriter().encode(token, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Token too long for a QR code", e);
        }
    }

    /** The QR version (1–40) of a token. */
    public static int version(String token) {
        try {
            QRCode code = Encoder.encode(token, ErrorCorrectionLevel.M);
            return code.getVersion().getVersionNumber();
        } catch (WriterException e) {
            throw new IllegalArgumentException("Token too long for a QR code", e);
        }
    }

    /** A scalable SVG of the token's QR code: one path of unit squares, black on white. */
    public static String svg(String token, String label) {
        BitMatrix m = matrix(token);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    int run = 1;
                    while (x + run < m.getWidth() && m.get(x + run, y)) {
                        run++;
                    }
                    path.append('M').append(x).append(' ').append(y).append('h').append(run).append("v1h-").append(run).append('z');
                    x += run - 1;
                }
            }
        }
        String title = label == null ? "" : label.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"" + title + "\" viewBox=\"0 0 "
                + m.getWidth() + " " + m.getHeight() + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
