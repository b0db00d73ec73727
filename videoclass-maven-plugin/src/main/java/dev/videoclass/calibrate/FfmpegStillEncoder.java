package dev.videoclass.calibrate;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StillVideoEncoder} that runs an {@code ffmpeg} executable built with libx264 and libx265, one
 * process per video:
 * <pre>
 * ffmpeg -nostdin -hide_banner -loglevel error -y -loop 1 -framerate 30 -i PICTURE -t SECONDS
 *        ENCODING_ARGUMENTS OUT
 * </pre>
 * where {@code ENCODING_ARGUMENTS} are {@link PhoneEncoding#ffmpegArguments()}.
 *
 * <p>{@link #fromClasspath()} runs the executable of bytedeco's GPL FFmpeg build
 * ({@code org.bytedeco:ffmpeg:…:linux-x86_64-gpl}, which must be on the class path): on first use it
 * extracts the executable and its shared libraries into a private temporary directory, once per JVM
 * (deleted when the JVM exits), and runs it with {@code LD_LIBRARY_PATH} pointing there. That
 * executable also needs a few system libraries, notably PulseAudio's {@code libpulse.so.0} (Debian and
 * Ubuntu: package {@code libpulse0}); when one is missing, {@link #encode} fails with an
 * {@link IOException} naming it. The constructors run a user-supplied {@code ffmpeg} instead, with the
 * environment unchanged; such an ffmpeg must apply a JPEG's EXIF orientation itself (FFmpeg 7.1, the
 * class path build, does; older versions may not).
 *
 * <p>Each run is limited to a timeout (default {@link #DEFAULT_TIMEOUT}); a process that passes it is
 * killed and the call fails with an {@link IOException}. Standard error is captured and its last line
 * goes into the exception's message.
 *
 * <p>Immutable and thread safe; concurrent {@link #encode} calls run concurrent processes.
 */
public final class FfmpegStillEncoder implements StillVideoEncoder {

    /** Longest time one encode may take unless a constructor says otherwise: 120 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** Class path folder of the GPL natives jar that holds {@code ffmpeg} and its libraries. */
    static final String NATIVES = "org/bytedeco/ffmpeg/linux-x86_64-gpl/";

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegStillEncoder.class);
    private static final Pattern MISSING_LIBRARY =
            Pattern.compile("error while loading shared libraries: ([^:\\s]+)");
    /** Debian/Ubuntu packages of the system libraries the GPL build links. */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.of(
            "libpulse.so.0", "libpulse0",
            "libasound.so.2", "libasound2",
            "libxcb.so.1", "libxcb1",
            "libxcb-shm.so.0", "libxcb-shm0",
            "libstdc++.so.6", "libstdc++6");

    private static final Object EXTRACT_LOCK = new Object();
    private static Path extractedDir; // guarded by EXTRACT_LOCK

    private final Path executable; // null: the class path build, extracted on first use
    private final Duration timeout;

    private FfmpegStillEncoder(Path executable, Duration timeout, boolean fromClasspath) {
        this.executable = fromClasspath ? null : Objects.requireNonNull(executable, "ffmpegExecutable");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * An encoder running the {@code ffmpeg} executable at {@code ffmpegExecutable} (it needs libx264 and
     * libx265), with the {@linkplain #DEFAULT_TIMEOUT default timeout}. The path is checked when encoding.
     */
    public FfmpegStillEncoder(Path ffmpegExecutable) {
        this(ffmpegExecutable, DEFAULT_TIMEOUT);
    }

    /**
     * An encoder running the {@code ffmpeg} executable at {@code ffmpegExecutable}, killing a run after
     * {@code timeout} (positive).
     */
    public FfmpegStillEncoder(Path ffmpegExecutable, Duration timeout) {
        this(ffmpegExecutable, timeout, false);
    }

    /**
     * An encoder running the {@code ffmpeg} of bytedeco's GPL build found on the class path, with the
     * {@linkplain #DEFAULT_TIMEOUT default timeout}. Cheap: the executable is extracted on the first
     * {@link #encode} in this JVM (by any instance), which fails with an {@link IOException} if the GPL
     * natives jar is not on the class path.
     */
    public static FfmpegStillEncoder fromClasspath() {
        return new FfmpegStillEncoder(null, DEFAULT_TIMEOUT, true);
    }

    /** This encoder with another timeout (positive). */
    public FfmpegStillEncoder withTimeout(Duration newTimeout) {
        return new FfmpegStillEncoder(executable, newTimeout, executable == null);
    }

    /** The timeout of one encode. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public void encode(Path picture, PhoneEncoding encoding, double seconds, Path out) throws IOException {
        encodeSlideshow(List.of(Objects.requireNonNull(picture, "picture")), seconds, encoding, out);
    }

    /**
     * Encodes pictures one after another, {@code secondsEach} seconds each, into one video: a
     * calibration video with hard cuts. The pictures must share one even size.
     *
     * @throws IllegalArgumentException when the list is empty, sizes differ or are odd
     * @throws IOException              when a picture cannot be read or the encoder fails or times out
     */
    public void encodeSlideshow(List<Path> pictures, double secondsEach, PhoneEncoding encoding, Path out) throws IOException {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(out, "out");
        if (pictures.isEmpty()) {
            throw new IllegalArgumentException("a slideshow needs at least one picture");
        }
        if (!(secondsEach > 0) || Double.isInfinite(secondsEach)) {
            throw new IllegalArgumentException("seconds must be a positive finite number: " + secondsEach);
        }
        int[] first = pictureSize(pictures.get(0));
        for (Path p : pictures) {
            int[] size = pictureSize(p);
            if (size[0] % 2 != 0 || size[1] % 2 != 0) {
                throw new IllegalArgumentException("the picture " + p + " is " + size[0] + "x" + size[1]
                        + " pixels; width and height must be even for 4:2:0 (yuv420p) video");
            }
            if (size[0] != first[0] || size[1] != first[1]) {
                throw new IllegalArgumentException("slideshow pictures must share one size; " + p + " is "
                        + size[0] + "x" + size[1] + ", the first " + first[0] + "x" + first[1]);
            }
        }
        String[] tool = tool();
        Map<String, String> env = tool[1] == null ? Map.of() : Map.of("LD_LIBRARY_PATH", tool[1]);
        List<String> cmd = new ArrayList<>(List.of(tool[0], "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < pictures.size(); i++) {
            cmd.addAll(List.of("-loop", "1", "-framerate", Integer.toString(PhoneEncoding.FRAME_RATE),
                    "-t", String.format(Locale.ROOT, "%.6f", secondsEach), "-i", pictures.get(i).toString()));
            graph.append('[').append(i).append(":v]");
        }
        List<String> output = encoding.ffmpegArguments();
        // the encoding's -vf chain runs after the concatenation, inside the one filter graph
        graph.append("concat=n=").append(pictures.size()).append(":v=1:a=0,").append(output.get(1)).append("[v]");
        cmd.addAll(List.of("-filter_complex", graph.toString(), "-map", "[v]"));
        cmd.addAll(output.subList(2, output.size()));
        cmd.add(out.toString());
        String what = pictures.size() == 1 ? pictures.get(0).getFileName().toString()
                : "a slideshow of " + pictures.size() + " pictures";
        run(cmd, env, out, "encoding " + what + " as " + encoding.id());
    }

    /** The executable to run and the LD_LIBRARY_PATH it needs (null for a user-supplied ffmpeg). */
    private String[] tool() throws IOException {
        if (executable == null) {
            Path dir = extractedDirectory();
            return new String[] {dir.resolve("ffmpeg").toString(), dir.toString()};
        }
        if (!Files.isRegularFile(executable)) {
            throw new IOException("no ffmpeg executable at " + executable + " (no such file)");
        }
        if (!Files.isExecutable(executable)) {
            throw new IOException("the ffmpeg at " + executable + " is not executable (no execute permission)");
        }
        return new String[] {executable.toString(), null};
    }

    /** Width and height in pixels of a PNG or JPEG file, from its header. */
    static int[] pictureSize(Path picture) throws IOException {
        if (!Files.isRegularFile(picture)) {
            throw new NoSuchFileException(picture.toString(), null, "no such picture file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(picture.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IllegalArgumentException("the picture " + picture + " is not a PNG or JPEG file");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw new IllegalArgumentException("the picture " + picture + " is " + format
                            + ", not a PNG or JPEG file");
                }
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }

    private void run(List<String> cmd, Map<String, String> env, Path out, String what) throws IOException {
        Path errFile = Files.createTempFile("videoclass-ffmpeg-", ".stderr");
        boolean ok = false;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errFile.toFile());
            pb.environment().putAll(env);
            LOG.debug("running {}", String.join(" ", cmd));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IOException("cannot start " + cmd.get(0) + " " + what + ": " + oneLine(e.getMessage()), e);
            }
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(p);
                    throw new IOException("ffmpeg timed out after " + seconds(timeout) + " " + what
                            + lastLineSuffix(errFile));
                }
            } catch (InterruptedException e) {
                kill(p);
                Thread.currentThread().interrupt();
                InterruptedIOException ie = new InterruptedIOException("interrupted while " + what);
                ie.initCause(e);
                throw ie;
            }
            int rc = p.exitValue();
            String stderr = Files.readString(errFile, StandardCharsets.UTF_8);
            if (rc != 0) {
                Matcher m = MISSING_LIBRARY.matcher(stderr);
                if (m.find()) {
                    String lib = m.group(1);
                    String pkg = DEBIAN_PACKAGES.get(lib);
                    throw new IOException("ffmpeg cannot start: the shared library " + lib + " is missing"
                            + (pkg != null ? " (Debian/Ubuntu: apt-get install " + pkg + ")" : "")
                            + " [" + cmd.get(0) + "]");
                }
                throw new IOException("ffmpeg failed (exit " + rc + ") " + what + lastLineSuffix(stderr));
            }
            if (!Files.isRegularFile(out) || Files.size(out) == 0) {
                throw new IOException("ffmpeg wrote no video " + what + lastLineSuffix(stderr));
            }
            ok = true;
        } finally {
            Files.deleteIfExists(errFile);
            if (!ok) {
                Files.deleteIfExists(out);
            }
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void kill(Process p) throws InterruptedIOException {
        p.destroy();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1000.0);
    }

    private static String lastLineSuffix(Path errFile) {
        try {
            return lastLineSuffix(Files.readString(errFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code ": LAST LINE"} of a tool's stderr, or empty. */
    static String lastLineSuffix(String stderr) {
        String[] lines = stderr.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (!l.isEmpty()) {
                return ": " + oneLine(l);
            }
        }
        return "";
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String l = s.replaceAll("\\s+", " ").strip();
        return l.length() > 300 ? l.substring(0, 300) + "…" : l;
    }

    // --- extraction of the class path build -------------------------------------------------------

    /** The directory holding the extracted {@code ffmpeg} and its libraries; extracts them on first call. */
    static Path extractedDirectory() throws IOException {
        synchronized (EXTRACT_LOCK) {
            if (extractedDir == null) {
                extractedDir = extract(FfmpegStillEncoder.class.getClassLoader());
            }
            return extractedDir;
        }
    }

    private static Path extract(ClassLoader loader) throws IOException {
        URL url = loader.getResource(NATIVES + "ffmpeg");
        if (url == null) {
            throw new IOException("no ffmpeg on the class path: org.bytedeco:ffmpeg with classifier "
                    + "linux-x86_64-gpl (resource " + NATIVES + "ffmpeg) is missing");
        }
        Path dir = Files.createTempDirectory("videoclass-ffmpeg-gpl-"); // owner-only permissions
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "videoclass-ffmpeg-cleanup"));
        try {
            List<String> names = listNatives(url);
            for (String name : names) {
                if (name.startsWith("libjni")) {
                    continue; // JNI bindings for JavaCPP; the executables do not use them
                }
                try (InputStream in = loader.getResourceAsStream(NATIVES + name)) {
                    if (in == null) {
                        throw new IOException("cannot read class path resource " + NATIVES + name);
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            addSonameAliases(dir);
            for (String exe : new String[] {"ffmpeg", "ffprobe"}) {
                Path p = dir.resolve(exe);
                if (Files.exists(p) && !p.toFile().setExecutable(true, true)) {
                    throw new IOException("cannot make " + p + " executable");
                }
            }
            LOG.debug("extracted the GPL ffmpeg ({} files) to {}", names.size(), dir);
            return dir;
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw new IOException("cannot extract ffmpeg from the class path to " + dir + ": " + oneLine(e.getMessage()), e);
        }
    }

    /** File names directly in the natives folder of the jar (or directory) that {@code ffmpegUrl} lies in. */
    private static List<String> listNatives(URL ffmpegUrl) throws IOException {
        List<String> names = new ArrayList<>();
        if ("jar".equals(ffmpegUrl.getProtocol())) {
            URLConnection c = ffmpegUrl.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = ((JarURLConnection) c).getJarFile()) {
                for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                    String n = en.nextElement().getName();
                    if (n.startsWith(NATIVES) && n.length() > NATIVES.length() && n.indexOf('/', NATIVES.length()) < 0) {
                        names.add(n.substring(NATIVES.length()));
                    }
                }
            }
        } else if ("file".equals(ffmpegUrl.getProtocol())) {
            Path folder;
            try {
                folder = Path.of(ffmpegUrl.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException("bad class path URL " + ffmpegUrl, e);
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p)) {
                        names.add(p.getFileName().toString());
                    }
                }
            }
        } else {
            throw new IOException("cannot list class path resources at " + ffmpegUrl);
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /**
     * The jar holds some libraries under their unversioned file name only (e.g. {@code libva.so}) while
     * the others link them by their SONAME ({@code libva.so.2}): give each library its SONAME too.
     */
    private static void addSonameAliases(Path dir) throws IOException {
        Map<String, Path> aliases = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path lib : (Iterable<Path>) files::iterator) {
                String name = lib.getFileName().toString();
                if (!name.startsWith("lib") || !name.contains(".so")) {
                    continue;
                }
                String soname = readSoname(lib);
                if (soname != null && !soname.equals(name) && soname.indexOf('/') < 0) {
                    aliases.putIfAbsent(soname, lib);
                }
            }
        }
        for (Map.Entry<String, Path> a : aliases.entrySet()) {
            Path alias = dir.resolve(a.getKey());
            if (Files.exists(alias)) {
                continue; // the jar has the versioned name as well
            }
            try {
                Files.createSymbolicLink(alias, a.getValue().getFileName());
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(a.getValue(), alias);
            }
        }
    }

    /** The DT_SONAME of a 64-bit little-endian ELF shared library, or null if it is not one or has none. */
    static String readSoname(Path lib) throws IOException {
        try (FileChannel ch = FileChannel.open(lib, StandardOpenOption.READ)) {
            ByteBuffer h = read(ch, 0, 64);
            if (h == null || h.getInt(0) != 0x464C457F || h.get(4) != 2 || h.get(5) != 1) {
                return null; // not ELF, or not ELFCLASS64 / little-endian
            }
            long shoff = h.getLong(0x28);
            int shentsize = Short.toUnsignedInt(h.getShort(0x3A));
            int shnum = Short.toUnsignedInt(h.getShort(0x3C));
            if (shoff <= 0 || shentsize < 64 || shnum == 0 || shnum > 4096) {
                return null;
            }
            ByteBuffer sh = read(ch, shoff, shentsize * shnum);
            if (sh == null) {
                return null;
            }
            for (int i = 0; i < shnum; i++) {
                int b = i * shentsize;
                if (sh.getInt(b + 4) != 6) { // SHT_DYNAMIC
                    continue;
                }
                long dynOff = sh.getLong(b + 0x18);
                long dynSize = sh.getLong(b + 0x20);
                int link = sh.getInt(b + 0x28);
                if (link <= 0 || link >= shnum || dynSize <= 0 || dynSize > (1 << 20)) {
                    return null;
                }
                long strOff = sh.getLong(link * shentsize + 0x18);
                long strSize = sh.getLong(link * shentsize + 0x20);
                ByteBuffer dyn = read(ch, dynOff, (int) dynSize);
                if (dyn == null) {
                    return null;
                }
                for (int d = 0; d + 16 <= dynSize; d += 16) {
                    long tag = dyn.getLong(d);
                    if (tag == 0) {
                        break; // DT_NULL
                    }
                    if (tag == 14) { // DT_SONAME
                        long at = dyn.getLong(d + 8);
                        if (at < 0 || at >= strSize) {
                            return null;
                        }
                        ByteBuffer s = read(ch, strOff + at, (int) Math.min(256, strSize - at));
                        if (s == null) {
                            return null;
                        }
                        StringBuilder name = new StringBuilder();
                        while (s.hasRemaining()) {
                            byte c = s.get();
                            if (c == 0) {
                                return name.toString();
                            }
                            name.append((char) (c & 0xFF));
                        }
                        return null;
                    }
                }
                return null;
            }
            return null;
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int len) throws IOException {
        if (pos < 0 || len <= 0 || pos + len > ch.size()) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                return null;
            }
        }
        b.flip();
        return b;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort at exit
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}
