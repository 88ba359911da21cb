package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.capture.CaptureException;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimMaintenance;
import org.jwim.wim.WriteOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The changing half of {@code info}: rename, --boot, --image-property, as wimlib does them. */
final class ImageEdit {
    private ImageEdit() {
    }

    /** Makes the changes; returns the image's index. */
    static int apply(CommandSpec spec, Path wim, String image, String newName, String newDesc, boolean boot,
            List<String> properties) throws IOException {
        if (image == null) {
            throw new ParameterException(spec.commandLine(), "IMAGE is required to change an image");
        }
        List<WimMaintenance.Property> changes = new ArrayList<>();
        int index;
        int bootIndex;
        try (WimFile w = Cli.open(wim)) {
            index = Cli.image(w, image);
            bootIndex = boot ? index : w.bootIndex();
            if (newName != null) {
                for (ImageSummary s : w.images()) {
                    if (s.index() != index && !newName.isEmpty() && s.info().name().equals(newName)) {
                        throw new CaptureException("there is already an image named \"" + newName + "\" in " + wim);
                    }
                }
                changes.add(new WimMaintenance.Property(index, "NAME", newName));
            }
        }
        if (newDesc != null) {
            changes.add(new WimMaintenance.Property(index, "DESCRIPTION", newDesc));
        }
        for (String p : properties) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--image-property wants NAME=VALUE, not " + p);
            }
            String name = p.substring(0, eq);
            if (name.equalsIgnoreCase("NAME")) {
                throw new ParameterException(spec.commandLine(), "rename with NEWNAME, not --image-property");
            }
            changes.add(new WimMaintenance.Property(index, name, p.substring(eq + 1)));
        }
        try {
            WimMaintenance.edit(wim, changes, bootIndex, WriteOptions.defaults());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return index;
    }
}
