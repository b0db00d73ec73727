package com.example;

import java.util.Locale;

/** JavaCPP's name for this machine's platform ({@code linux-x86_64}, {@code macosx-arm64}, ...). */
final class Platforms {
    private Platforms() {
    }

    static String host() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : "linux";
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "arm64" : arch;
        return o + "-" + a;
    }
}
