package dev.videoclass.ffmpeg;

import java.lang.reflect.Field;

/**
 * Test worker: the real worker loop, except that a video whose file name contains
 * {@code crash-me} makes the process write to address 0 — a genuine native crash (SIGSEGV), like a
 * decoder bug would cause.
 */
public final class CrashingWorker {
    private CrashingWorker() {
    }

    public static void main(String[] args) throws Exception {
        IsolatedWorker.serve(path -> {
            if (path.getFileName().toString().contains("crash-me")) {
                try {
                    Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                    f.setAccessible(true);
                    ((sun.misc.Unsafe) f.get(null)).putByte(0L, (byte) 1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }
}
