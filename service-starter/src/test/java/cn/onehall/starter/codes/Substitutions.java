package cn.onehall.starter.codes;

import java.util.ArrayList;
import java.util.List;

final class Substitutions {

    private Substitutions() {
    }

    /** Every string that differs from {@code s} in exactly one position, using characters of {@code alphabet}. */
    static List<String> of(String s, String alphabet) {
        List<String> result = new ArrayList<>(s.length() * alphabet.length());
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char original = chars[i];
            for (int a = 0; a < alphabet.length(); a++) {
                char c = alphabet.charAt(a);
                if (c != original) {
                    chars[i] = c;
                    result.add(new String(chars));
                }
            }
            chars[i] = original;
        }
        return result;
    }
}
