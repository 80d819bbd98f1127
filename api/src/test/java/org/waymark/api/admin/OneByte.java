package org.waymark.api.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Changes one byte of a file (the first letter after {@code after}, upper case to lower or back) and can put it back. */
record OneByte(Path file, byte[] original) {
    static OneByte change(Path file, String after) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf(after);
        if (at < 0) {
            throw new IllegalArgumentException(after + " is not in " + file);
        }
        int i = at + after.length();
        while (!Character.isLetter(bytes[i])) {
            i++;
        }
        byte[] changed = bytes.clone();
        changed[i] = (byte) (Character.isUpperCase(bytes[i]) ? Character.toLowerCase(bytes[i]) : Character.toUpperCase(bytes[i]));
        Files.write(file, changed);
        return new OneByte(file, bytes);
    }

    void restore() throws IOException {
        Files.write(file, original);
    }
}
