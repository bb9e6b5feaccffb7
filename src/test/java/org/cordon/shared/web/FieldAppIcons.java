package org.cordon.shared.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.GeneralPath;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Draws the field app's PNG icons (static/icons) from the shapes of static/icons/cordon.svg: a white shield with a red
 * cross on the platform's dark red. Run it after changing the design:
 * {@code java src/test/java/org/cordon/shared/web/FieldAppIcons.java src/main/resources/static/icons}.
 */
public final class FieldAppIcons {

    private FieldAppIcons() {
    }

    /** The icon at {@code size} pixels; a maskable icon fills the square and keeps the shield inside the safe zone. */
    static BufferedImage draw(int size, boolean maskable) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double unit = size / 512.0;
        g.setColor(new Color(0x8e1b16));
        if (maskable) {
            g.fillRect(0, 0, size, size);
        } else {
            g.fill(new RoundRectangle2D.Double(0, 0, size, size, 192 * unit, 192 * unit));
        }
        AffineTransform t = new AffineTransform();
        t.scale(unit, unit);
        if (maskable) {
            // the safe zone of a maskable icon is the centre circle of 80 % of the size
            t.translate(256, 256);
            t.scale(0.72, 0.72);
            t.translate(-256, -256);
        }
        g.transform(t);
        GeneralPath shield = new GeneralPath();
        shield.moveTo(256, 72);
        shield.lineTo(400, 128);
        shield.lineTo(400, 248);
        shield.curveTo(400, 344, 336, 408, 256, 440);
        shield.curveTo(176, 408, 112, 344, 112, 248);
        shield.lineTo(112, 128);
        shield.closePath();
        g.setColor(Color.WHITE);
        g.fill(shield);
        g.setColor(new Color(0xb3261e));
        g.fill(new RoundRectangle2D.Double(226, 170, 60, 180, 16, 16));
        g.fill(new RoundRectangle2D.Double(166, 230, 180, 60, 16, 16));
        g.dispose();
        return image;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/main/resources/static/icons");
        Files.createDirectories(dir);
        ImageIO.write(draw(192, false), "png", dir.resolve("cordon-192.png").toFile());
        ImageIO.write(draw(512, false), "png", dir.resolve("cordon-512.png").toFile());
        ImageIO.write(draw(512, true), "png", dir.resolve("cordon-maskable-512.png").toFile());
    }
}
