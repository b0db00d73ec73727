package dev.videoclass.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A labelled calibration set: a folder of images and videos with a manifest of what each one is.
 * The manifest is {@code manifest.json}:
 * <pre>{@code
 * { "items": [
 *     {"file": "beach.jpg",  "explicit": false, "tags": ["beach"]},
 *     {"file": "clip-1.mov", "explicit": true,  "tags": []} ] }
 * }</pre>
 * or {@code manifest.csv} with a header line {@code file,explicit,tags} and tags separated by
 * {@code |} (e.g. {@code beach.jpg,false,beach|sunset}). Paths are relative to the folder. Whether an
 * item is a video or an image follows from its extension. Immutable.
 *
 * @param dir   the folder
 * @param items the labelled items, in manifest order
 */
public record CalibrationSet(Path dir, List<Item> items) {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    /**
     * One labelled picture or video.
     *
     * @param file     the file, resolved against the set's folder
     * @param explicit whether it is explicit content
     * @param tags     the rubric tag ids it should get
     */
    public record Item(Path file, boolean explicit, List<String> tags) {
        public Item {
            tags = List.copyOf(tags);
        }

        /** True for a still picture (by extension), false for a video. */
        public boolean isImage() {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot >= 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        }

        /** The file name relative to the set, for reports. */
        public String name() {
            return file.getFileName().toString();
        }
    }

    public CalibrationSet {
        items = List.copyOf(items);
    }

    /** Reads {@code manifest.json} (or else {@code manifest.csv}) from {@code dir}; every file must exist. */
    public static CalibrationSet load(Path dir) throws IOException {
        Path json = dir.resolve("manifest.json");
        Path csv = dir.resolve("manifest.csv");
        List<Item> items = new ArrayList<>();
        if (Files.isRegularFile(json)) {
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            for (JsonNode n : root.path("items")) {
                List<String> tags = new ArrayList<>();
                n.path("tags").forEach(t -> tags.add(t.asText()));
                if (!n.hasNonNull("file") || !n.has("explicit")) {
                    throw new IOException(json + ": every item needs \"file\" and \"explicit\": " + n);
                }
                items.add(new Item(dir.resolve(n.get("file").asText()), n.get("explicit").asBoolean(), tags));
            }
        } else if (Files.isRegularFile(csv)) {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split(",", -1);
                if (cols.length < 2) {
                    throw new IOException(csv + " line " + (i + 1) + ": expected file,explicit,tags");
                }
                List<String> tags = new ArrayList<>();
                if (cols.length > 2 && !cols[2].isBlank()) {
                    for (String t : cols[2].split("\\|")) {
                        tags.add(t.strip());
                    }
                }
                items.add(new Item(dir.resolve(cols[0].strip()), Boolean.parseBoolean(cols[1].strip()), tags));
            }
        } else {
            throw new IOException("no manifest.json or manifest.csv in calibration set " + dir);
        }
        for (Item item : items) {
            if (!Files.isRegularFile(item.file())) {
                throw new IOException("calibration item not found: " + item.file());
            }
        }
        if (items.isEmpty()) {
            throw new IOException("calibration set " + dir + " has no items");
        }
        return new CalibrationSet(dir, items);
    }
}
