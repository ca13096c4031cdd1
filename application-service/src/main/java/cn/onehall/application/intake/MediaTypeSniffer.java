package cn.onehall.application.intake;

import java.util.Arrays;

/**
 * What an upload really is, from its first bytes: a declared type is only a claim. The types government materials are
 * uploaded in (PDF, OFD, images) are recognised; anything else is taken as declared and must still be on the guide's list.
 */
final class MediaTypeSniffer {

    private MediaTypeSniffer() {
    }

    /** @return the recognised media type, or null when the content is of no type we recognise */
    static String sniff(byte[] head) {
        if (startsWith(head, "%PDF-".getBytes())) {
            return "application/pdf";
        }
        if (startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return "image/png";
        }
        if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "image/jpeg";
        }
        if (startsWith(head, new byte[] {'P', 'K', 0x03, 0x04})) {
            return "application/zip"; // OFD (GB/T 33190) and office documents are zip containers
        }
        return null;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
