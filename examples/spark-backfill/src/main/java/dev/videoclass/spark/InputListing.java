package dev.videoclass.spark;

import dev.videoclass.store.Backfill;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The files a run looks at, listed on the driver through Hadoop's {@link FileSystem} (so
 * {@code file://}, {@code hdfs://} and {@code s3a://} alike): under a directory, every file whose
 * name is a video's ({@link Backfill#looksLikeVideo(String)}, the CLI backfill's rule), walked
 * recursively; a file with such a name is that one video; any other file is a list of paths or
 * URIs, one per line (blank lines and lines starting with {@code #} skipped; relative paths are
 * relative to the list's folder). Listed files are not opened here: one that cannot be read shows
 * up when it is hashed ({@link #open}, on the executors). Stateless.
 */
final class InputListing {
    private InputListing() {
    }

    /**
     * The fully qualified URIs of the input's files, sorted, without repeats.
     *
     * @throws java.io.FileNotFoundException when {@code input} does not exist
     */
    static List<String> list(String input, Configuration conf) throws IOException {
        Path root = new Path(input);
        FileSystem fs = root.getFileSystem(conf);
        FileStatus status = fs.getFileStatus(root);
        SortedSet<String> files = new TreeSet<>();
        if (status.isDirectory() && isLocal(fs)) {
            walk(fs, status.getPath(), files);
        } else if (status.isDirectory()) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(status.getPath(), true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (f.isFile() && Backfill.looksLikeVideo(f.getPath().getName())) {
                    files.add(f.getPath().toString());
                }
            }
        } else if (Backfill.looksLikeVideo(status.getPath().getName())) {
            files.add(status.getPath().toString()); // a single video
        } else {
            Path folder = status.getPath().getParent();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(root), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String s = line.strip();
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        Path p = new Path(s);
                        Path resolved = p.isAbsoluteAndSchemeAuthorityNull() || p.toUri().getScheme() != null
                                ? p : new Path(folder, p);
                        files.add(resolved.getFileSystem(conf).makeQualified(resolved).toString());
                    }
                }
            }
        }
        return new ArrayList<>(files);
    }

    /**
     * Whether {@code fs} is the local file system. Its {@code listFiles} builds a
     * {@link LocatedFileStatus} per file, which reads the file's permissions, and without Hadoop's
     * native library that runs {@code ls -ld} in a new process for every file; its
     * {@code listStatus} reads them only when asked. Other file systems keep {@code listFiles}: on
     * S3 it is one flat listing rather than one request per directory.
     */
    private static boolean isLocal(FileSystem fs) {
        return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
    }

    /** Adds the video files under {@code dir} (recursively) to {@code files}. */
    private static void walk(FileSystem fs, Path dir, SortedSet<String> files) throws IOException {
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.isDirectory()) {
                walk(fs, f.getPath(), files);
            } else if (f.isFile() && Backfill.looksLikeVideo(f.getPath().getName())) {
                files.add(f.getPath().toString());
            }
        }
    }

    /** Opens a listed file for reading (the caller closes the stream). */
    static InputStream open(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        return p.getFileSystem(conf).open(p);
    }
}
